using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// The ClAM associative-memory dynamics on a batch (specs/clustering.md B2-B3, B5): T Euler steps
/// v^{t+1} = v^t + α·m ⊙ (ρ̄(v^t) − v^t), ρ̄ = Σ_μ s_μ ρ_μ, s = softmax_μ(−(β/2)‖v − ρ_μ‖²); the masked
/// pattern-completion loss; its BPTT gradient with respect to the prototypes; the Score of inference.
/// </summary>
/// <remarks>
/// <para>Prototypes are K×d row-major (<typeparamref name="T"/>[]): the layout of the B×K distance GEMM and of a model's
/// float parameters. <typeparamref name="T"/> is float (training and scoring: ML.NET's features are float32 and the
/// kernel layer's GEMM is float) or double (the finite-difference gradient checks; same code).</para>
/// <para>One instance is a workspace for batches of up to <see cref="MaxRows"/> rows: it stores v^t (t = 0..T),
/// ρ̄(v^t) and s^t of the last <see cref="Forward"/> for <see cref="Backward"/> (memory O(B·T·(d + K)), B7) and
/// allocates nothing after construction. Not thread-safe: one instance per thread.</para>
/// <para>Backward never forms C = Σ_μ s_μ(ρ_μ − ρ̄)(ρ_μ − ρ̄)ᵀ: with a_μ = (ρ_μ − ρ̄)·h and W_μ = s_μ a_μ,
/// C h = Σ_μ W_μ ρ_μ − ρ̄ Σ_μ W_μ, and the prototype gradient of one step summed over the batch is
/// Sᵀ H + β Wᵀ V^t − β diag(Σ_b W_b) ρ: four GEMMs of B×K×d per step, O(B·T·K·d) in all.</para>
/// </remarks>
internal sealed class ClamDynamics<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly KernelBackend _backend;
    private readonly T _alpha, _beta, _halfBeta;
    private readonly T[] _v, _rbar, _s, _mask, _g, _h, _ch, _a, _w, _rowDots, _clusterSums;
    private int _rows;
    private bool _allMove;
    private bool _hasLoss;

    /// <param name="clusters">K ≥ 1.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="steps">T ≥ 1 (reference 10).</param>
    /// <param name="beta">β &gt; 0, the official code's convention: logits −(β/2)‖v − ρ‖².</param>
    /// <param name="alpha">Step α ∈ (0, 1] (reference 0.1); the energy descent of B2 holds only there.</param>
    /// <param name="maxRows">The largest batch, ≥ 1.</param>
    /// <param name="backend">Kernel backend of the float path; null = <see cref="KernelBackends.Default"/>.</param>
    public ClamDynamics(int clusters, int dimension, int steps, double beta, double alpha, int maxRows,
        KernelBackend? backend = null)
    {
        if (!ClamKernels<T>.IsSupported)
            throw new NotSupportedException($"ClAM dynamics run in float or double, not {typeof(T).Name}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1, nameof(clusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1, nameof(dimension));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1, nameof(steps));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1, nameof(maxRows));
        if (!(beta > 0) || !double.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "ClAM's inverse temperature beta must be positive and finite.");
        if (!(alpha > 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ClAM's step size alpha must be in (0, 1] (the energy decreases only there).");
        Clusters = clusters;
        Dimension = dimension;
        Steps = steps;
        MaxRows = maxRows;
        Beta = beta;
        Alpha = alpha;
        _backend = backend ?? KernelBackends.Default;
        _alpha = T.CreateChecked(alpha);
        _beta = T.CreateChecked(beta);
        _halfBeta = T.CreateChecked(beta / 2);
        long rowsD = (long)maxRows * dimension;
        _v = new T[checked((int)((steps + 1) * rowsD))];
        _rbar = new T[checked((int)(steps * rowsD))];
        _s = new T[checked(steps * maxRows * clusters)];
        _mask = new T[rowsD];
        _g = new T[rowsD];
        _h = new T[rowsD];
        _ch = new T[rowsD];
        _a = new T[checked(maxRows * clusters)];
        _w = new T[_a.Length];
        _rowDots = new T[maxRows];
        _clusterSums = new T[clusters];
    }

    public int Clusters { get; }
    public int Dimension { get; }
    public int Steps { get; }
    public int MaxRows { get; }
    public double Beta { get; }
    public double Alpha { get; }

    /// <summary>Rows of the last <see cref="Forward"/>.</summary>
    public int Rows => _rows;

    /// <summary>v^t of the last forward (rows×d), t = 0..T.</summary>
    public ReadOnlySpan<T> State(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t, nameof(t));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(t, Steps, nameof(t));
        return _v.AsSpan(t * MaxRows * Dimension, _rows * Dimension);
    }

    /// <summary>v^T of the last forward (rows×d), what the loss compares with x.</summary>
    public ReadOnlySpan<T> Output => State(Steps);

    /// <summary>s^t = softmax(−(β/2)‖v^t − ρ_μ‖²) of the last forward (rows×K), t = 0..T−1.</summary>
    public ReadOnlySpan<T> Assignments(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t, nameof(t));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Steps, nameof(t));
        return _s.AsSpan(t * MaxRows * Clusters, _rows * Clusters);
    }

    /// <summary>Runs the T steps from <paramref name="v0"/> and keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="prototypes">ρ, K×d.</param>
    /// <param name="v0">Start states, rows×d (training: x with the masked coordinates filled, B3).</param>
    /// <param name="mask">rows×d of 0/1: 1 = the coordinate may move; empty = all move (inference).</param>
    /// <param name="rows">0..<see cref="MaxRows"/>.</param>
    public void Forward(ReadOnlySpan<T> prototypes, ReadOnlySpan<T> v0, ReadOnlySpan<T> mask, int rows)
    {
        int k = Clusters, d = Dimension;
        CheckRows(rows);
        CheckLength(prototypes, k * d, nameof(prototypes), "K×d prototypes");
        CheckLength(v0, rows * d, nameof(v0), "rows×d start states");
        _allMove = mask.IsEmpty;
        if (!_allMove)
        {
            CheckLength(mask, rows * d, nameof(mask), "rows×d mask");
            mask.Slice(0, rows * d).CopyTo(_mask);
        }
        _rows = rows;
        _hasLoss = false;
        if (rows == 0)
            return;
        int n = rows * d, stride = MaxRows * d;
        v0.Slice(0, n).CopyTo(_v);
        Span<T> distances = _a.AsSpan(0, rows * k), step = _h.AsSpan(0, n);
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<T> vt = _v.AsSpan(t * stride, n);
            Span<T> s = _s.AsSpan(t * MaxRows * k, rows * k), rbar = _rbar.AsSpan(t * stride, n);
            ClamKernels<T>.SquaredDistances(_backend, rows, k, d, vt, prototypes, distances);
            SoftmaxOfNegativeHalfBeta(distances, s, rows);
            ClamKernels<T>.Gemm(_backend, false, false, rows, d, k, T.One, s, prototypes, T.Zero, rbar);
            // v^{t+1} = v^t + α·m ⊙ (ρ̄ − v^t); a fixed coordinate gets + α·0 = +0, so it stays bit-identical (B9 (6)).
            TensorPrimitives.Subtract(rbar, vt, step);
            if (!_allMove)
                TensorPrimitives.Multiply(step, _mask.AsSpan(0, n), step);
            TensorPrimitives.MultiplyAdd(step, _alpha, vt, _v.AsSpan((t + 1) * stride, n));
        }
    }

    /// <summary>L = Σ_b w_b Σ_i m_bi (x_bi − v^T_bi)² / (d·Σ_b w_b) of the last forward (B3: the mean over all B·d
    /// entries when unweighted, not over the masked count), and ∂L/∂v^T for <see cref="Backward"/>.</summary>
    /// <param name="x">The clean rows (rows×d).</param>
    /// <param name="weights">Row weights ≥ 0 (rows), or empty for all 1. A batch whose weights sum to 0 has loss 0 and
    /// a zero gradient. An integer weight counts a row that many times.</param>
    public double Loss(ReadOnlySpan<T> x, ReadOnlySpan<T> weights)
    {
        int rows = _rows, d = Dimension;
        CheckLength(x, rows * d, nameof(x), "rows×d clean rows");
        if (!weights.IsEmpty)
            CheckLength(weights, rows, nameof(weights), "row weights");
        double weightSum = weights.IsEmpty ? rows : 0;
        if (!weights.IsEmpty)
        {
            for (int b = 0; b < rows; b++)
                weightSum += double.CreateTruncating(weights[b]);
        }
        _hasLoss = true;
        Span<T> g = _g.AsSpan(0, rows * d);
        if (!(weightSum > 0))
        {
            g.Clear();
            return 0;
        }
        ReadOnlySpan<T> output = Output;
        double loss = 0, scale = 1 / (d * weightSum);
        // diff = m ⊙ (x − v^T) into g, then per row: the row's sum of squares (vectorised, in T; summed over rows in
        // double) and g = −2·w·scale·diff.
        TensorPrimitives.Subtract(x.Slice(0, rows * d), output, g);
        if (!_allMove)
            TensorPrimitives.Multiply(g, _mask.AsSpan(0, rows * d), g);
        for (int b = 0; b < rows; b++)
        {
            double w = weights.IsEmpty ? 1 : double.CreateTruncating(weights[b]);
            Span<T> row = g.Slice(b * d, d);
            loss += w * double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(row));
            TensorPrimitives.Multiply(row, T.CreateTruncating(-2 * w * scale), row);
        }
        return loss * scale;
    }

    /// <summary>∂L/∂ρ (K×d, overwritten) by back-propagation through the T steps of the last forward (B3). It consumes
    /// ∂L/∂v^T (the buffer is walked back to v^1), so a second call needs a new <see cref="Loss"/>.</summary>
    public void Backward(ReadOnlySpan<T> prototypes, Span<T> gradient)
    {
        if (!_hasLoss)
            throw new InvalidOperationException("Backward needs the loss of the last forward first (call Loss).");
        int k = Clusters, d = Dimension, rows = _rows, n = rows * d, stride = MaxRows * d;
        CheckLength(prototypes, k * d, nameof(prototypes), "K×d prototypes");
        CheckLength(gradient, k * d, nameof(gradient), "K×d prototype gradient");
        gradient = gradient.Slice(0, k * d);
        gradient.Clear();
        _hasLoss = false;
        if (rows == 0)
            return;
        Span<T> g = _g.AsSpan(0, n), h = _h.AsSpan(0, n), ch = _ch.AsSpan(0, n);
        Span<T> a = _a.AsSpan(0, rows * k), w = _w.AsSpan(0, rows * k);
        for (int t = Steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<T> vt = _v.AsSpan(t * stride, n), rbar = _rbar.AsSpan(t * stride, n);
            ReadOnlySpan<T> s = _s.AsSpan(t * MaxRows * k, rows * k);
            // h = α·m ⊙ g, g = ∂L/∂v^{t+1}.
            if (_allMove)
                TensorPrimitives.Multiply(g, _alpha, h);
            else
            {
                TensorPrimitives.Multiply(g, _mask.AsSpan(0, n), h);
                TensorPrimitives.Multiply(h, _alpha, h);
            }
            // a_bμ = ρ_μ·h_b − ρ̄_b·h_b; W = s ⊙ a; c_b = Σ_μ W_bμ (0 up to rounding: Σ_μ s_μ(ρ_μ − ρ̄) = 0).
            ClamKernels<T>.Gemm(_backend, false, true, rows, k, d, T.One, h, prototypes, T.Zero, a);
            for (int b = 0; b < rows; b++)
            {
                T r = TensorPrimitives.Dot(rbar.Slice(b * d, d), h.Slice(b * d, d));
                T c = T.Zero;
                for (int mu = b * k, end = mu + k; mu < end; mu++)
                {
                    w[mu] = s[mu] * (a[mu] - r);
                    c += w[mu];
                }
                _rowDots[b] = c;
            }
            // ∂L/∂ρ_κ += Σ_b s_bκ·[h_b − β·a_bκ·(ρ_κ − v_b)] = (SᵀH)_κ + β(WᵀV)_κ − β(Σ_b W_bκ)ρ_κ.
            ClamKernels<T>.Gemm(_backend, true, false, k, d, rows, T.One, s, h, T.One, gradient);
            ClamKernels<T>.Gemm(_backend, true, false, k, d, rows, _beta, w, vt, T.One, gradient);
            _clusterSums.AsSpan().Clear();
            for (int b = 0; b < rows; b++)
            {
                for (int mu = 0; mu < k; mu++)
                    _clusterSums[mu] += w[b * k + mu];
            }
            for (int mu = 0; mu < k; mu++)
            {
                Span<T> gradRow = gradient.Slice(mu * d, d);
                TensorPrimitives.MultiplyAdd(prototypes.Slice(mu * d, d), -_beta * _clusterSums[mu], gradRow, gradRow);
            }
            if (t == 0)
                break; // v^0 does not depend on ρ.
            // ∂L/∂v^t = g − h + β·C h, C h = W ρ − c ρ̄.
            ClamKernels<T>.Gemm(_backend, false, false, rows, d, k, T.One, w, prototypes, T.Zero, ch);
            for (int b = 0; b < rows; b++)
            {
                Span<T> chRow = ch.Slice(b * d, d);
                TensorPrimitives.MultiplyAdd(rbar.Slice(b * d, d), -_rowDots[b], chRow, chRow);
            }
            TensorPrimitives.Subtract(g, h, g);
            TensorPrimitives.MultiplyAdd(ch, _beta, g, g);
        }
    }

    /// <summary>Inference (B5): T steps from x with every coordinate free, then Score_bμ = ‖v^T_b − ρ_μ‖² (rows×K,
    /// lower = closer; what ML.NET's clustering evaluator takes the argmin of).</summary>
    public void Score(ReadOnlySpan<T> prototypes, ReadOnlySpan<T> x, int rows, Span<T> scores)
    {
        CheckLength(scores, rows * Clusters, nameof(scores), "rows×K scores");
        Forward(prototypes, x, default, rows);
        if (rows > 0)
            ClamKernels<T>.SquaredDistances(_backend, rows, Clusters, Dimension, Output, prototypes, scores.Slice(0, rows * Clusters));
    }

    /// <summary>labels[b] = argmin_μ scores[b, μ], ties to the lowest index (ML.NET's evaluator's rule, C7); a row
    /// with a NaN score gets the first non-NaN minimum, or 0 when all are NaN.</summary>
    public static void Assign(ReadOnlySpan<T> scores, int rows, int clusters, Span<int> labels)
    {
        CheckLength(scores, rows * clusters, nameof(scores), "rows×K scores");
        CheckLength(labels, rows, nameof(labels), "labels");
        for (int b = 0; b < rows; b++)
        {
            ReadOnlySpan<T> row = scores.Slice(b * clusters, clusters);
            int best = 0;
            for (int mu = 1; mu < clusters; mu++)
            {
                if (row[mu] < row[best] || (T.IsNaN(row[best]) && !T.IsNaN(row[mu])))
                    best = mu;
            }
            labels[b] = best;
        }
    }

    /// <summary>E(v) = −(1/β)·log Σ_μ exp(−(β/2)‖v − ρ_μ‖²) (B2), in double with max-subtraction.</summary>
    public static double Energy(ReadOnlySpan<T> prototypes, int clusters, ReadOnlySpan<T> v, double beta)
    {
        int d = v.Length;
        CheckLength(prototypes, clusters * d, nameof(prototypes), "K×d prototypes");
        double max = double.NegativeInfinity;
        for (int mu = 0; mu < clusters; mu++)
            max = Math.Max(max, -beta / 2 * SquaredDistanceInDouble(v, prototypes.Slice(mu * d, d)));
        double sum = 0;
        for (int mu = 0; mu < clusters; mu++)
            sum += Math.Exp(-beta / 2 * SquaredDistanceInDouble(v, prototypes.Slice(mu * d, d)) - max);
        return -(max + Math.Log(sum)) / beta;
    }

    private static double SquaredDistanceInDouble(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = double.CreateTruncating(a[i]) - double.CreateTruncating(b[i]);
            sum += diff * diff;
        }
        return sum;
    }

    // s_bμ = softmax_μ(−(β/2)·D_bμ), max-subtracted (B8: the reference's raw exponent gives 0/0 on high-d data).
    private void SoftmaxOfNegativeHalfBeta(ReadOnlySpan<T> distances, Span<T> s, int rows)
    {
        int k = Clusters;
        for (int b = 0; b < rows; b++)
        {
            ReadOnlySpan<T> drow = distances.Slice(b * k, k);
            T min = TensorPrimitives.Min(drow);
            // z − max z = −(β/2)(D − min D) ≤ 0; one vectorised exp over the whole block below.
            TensorPrimitives.Subtract(drow, min, s.Slice(b * k, k));
        }
        Span<T> block = s.Slice(0, rows * k);
        TensorPrimitives.Multiply(block, -_halfBeta, block);
        TensorPrimitives.Exp(block, block);
        for (int b = 0; b < rows; b++)
        {
            Span<T> srow = s.Slice(b * k, k);
            TensorPrimitives.Multiply(srow, T.One / TensorPrimitives.Sum(srow), srow);
        }
    }

    private void CheckRows(int rows)
    {
        if (rows < 0 || rows > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, string.Create(CultureInfo.InvariantCulture,
                $"The batch has {rows} rows; this ClAM workspace holds 0..{MaxRows}."));
    }

    private static void CheckLength<TElement>(ReadOnlySpan<TElement> span, int needed, string name, string what)
    {
        if (span.Length < needed)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'{name}' holds {span.Length} values; the {what} need {needed}."), name);
    }

    private static void CheckLength<TElement>(Span<TElement> span, int needed, string name, string what) =>
        CheckLength((ReadOnlySpan<TElement>)span, needed, name, what);
}
