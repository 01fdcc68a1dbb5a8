using System;
using MLNetDiff.Kernels.Scalar;

namespace MLNetDiff.Kernels;

/// <summary>
/// A set of numeric kernels over float spans. Every public method validates its arguments here, once for all
/// backends, and then calls the backend's <c>...Core</c> method; so every backend throws the same exceptions.
/// </summary>
/// <remarks>
/// Matrices are row-major with an explicit leading dimension (elements between the starts of two rows).
/// A size of 0 is valid. Semantics of every kernel are those of the C ABI in <c>src/Native/include/mlnetdiff.h</c>;
/// results of different backends agree within floating-point tolerance, and results of one backend are
/// bit-identical from run to run for the same inputs and thread count.
/// </remarks>
public abstract class KernelBackend
{
    /// <summary>Which implementation this is.</summary>
    public abstract KernelBackendKind Kind { get; }

    /// <summary>Human-readable description for logs and benchmarks, e.g. "native avx512, 2 threads".</summary>
    public abstract string Description { get; }

    /// <summary>The thread budget a backend gets when none is asked for: min(2, processor count).</summary>
    internal static int DefaultMaxThreads => Math.Min(2, Environment.ProcessorCount);

    /// <summary>Creates a backend with a fixed thread budget.</summary>
    private protected KernelBackend(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1, nameof(maxThreads));
        MaxThreads = maxThreads;
    }

    /// <summary>This backend's thread budget: large kernels use at most this many threads (1 = the calling thread
    /// only), and callers that parallelise over the backend (data-parallel training steps) read it as theirs.
    /// Kernels never split a reduction dimension across threads, so results do not depend on this value.</summary>
    /// <remarks>Immutable: a different budget is a different backend object (<see cref="WithMaxThreads"/>), so two
    /// users of one backend (two trainers fitting at once) can never race on it.</remarks>
    public int MaxThreads { get; }

    /// <summary>The same kernels with the thread budget <paramref name="maxThreads"/> (≥ 1): this backend itself when the
    /// budget is unchanged, else a new view (cache it when calling often; creating one allocates). Results of the view
    /// are bit-identical to this backend's.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1.</exception>
    public KernelBackend WithMaxThreads(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1, nameof(maxThreads));
        return maxThreads == MaxThreads ? this : WithMaxThreadsCore(maxThreads);
    }

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>C[M,N] = alpha·op(A)·op(B) + beta·C, op(X) = X or Xᵀ. With beta = 0, C is not read.</summary>
    /// <remarks>op(A) is M×K: A is M×K (lda ≥ K) or, when <paramref name="transA"/>, K×M (lda ≥ M).
    /// op(B) is K×N: B is K×N (ldb ≥ N) or, when <paramref name="transB"/>, N×K (ldb ≥ K).</remarks>
    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        KernelGuard.NonNegative(m, nameof(m));
        KernelGuard.NonNegative(n, nameof(n));
        KernelGuard.NonNegative(k, nameof(k));
        KernelGuard.Matrix(a, transA ? k : m, transA ? m : k, lda, nameof(a), nameof(lda));
        KernelGuard.Matrix(b, transB ? n : k, transB ? k : n, ldb, nameof(b), nameof(ldb));
        KernelGuard.Matrix(c, m, n, ldc, nameof(c), nameof(ldc));
        if (m == 0 || n == 0)
            return;
        GemmCore(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>y[r,c] = act(x[r,c] + bias[c]). <paramref name="bias"/> may be empty (no bias); y may be x.</summary>
    public void BiasActivationForward(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        KernelGuard.Activation(activation);
        KernelGuard.Dense(x, rows, cols, nameof(x));
        KernelGuard.Dense(y, rows, cols, nameof(y));
        KernelGuard.OptionalVector(bias, cols, nameof(bias));
        if (rows == 0 || cols == 0)
            return;
        BiasActivationForwardCore(activation, alpha, rows, cols, x, bias, y);
    }

    /// <summary>dz = dy · act'(z); if <paramref name="dbias"/> is not empty it receives the column sums of dz.</summary>
    /// <remarks><paramref name="z"/> (pre-activation) is read by identity, ReLU, leaky ReLU and GELU;
    /// <paramref name="y"/> (output) by sigmoid and tanh. The one not read may be empty. dz may be dy.</remarks>
    public void BiasActivationBackward(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
    {
        KernelGuard.Activation(activation);
        bool readsY = activation is Activation.Sigmoid or Activation.Tanh;
        if (readsY)
            KernelGuard.Dense(y, rows, cols, nameof(y));
        else if (activation != Activation.Identity)
            KernelGuard.Dense(z, rows, cols, nameof(z));
        KernelGuard.Dense(dy, rows, cols, nameof(dy));
        KernelGuard.Dense(dz, rows, cols, nameof(dz));
        KernelGuard.OptionalVector(dbias, cols, nameof(dbias));
        if (cols == 0)
            return;
        if (rows == 0)
        {
            dbias.Slice(0, dbias.IsEmpty ? 0 : cols).Clear();
            return;
        }
        BiasActivationBackwardCore(activation, alpha, rows, cols, z, y, dy, dz, dbias);
    }

    /// <summary>Row-wise softmax of a rows×cols matrix (max-subtracted); y may be x.</summary>
    public void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        KernelGuard.Dense(x, rows, cols, nameof(x));
        KernelGuard.Dense(y, rows, cols, nameof(y));
        if (rows == 0 || cols == 0)
            return;
        SoftmaxCore(rows, cols, x, y);
    }

    /// <summary>Row-wise log-softmax: y[r,c] = x[r,c] − logsumexp(x[r,:]); y may be x.</summary>
    public void LogSoftmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        KernelGuard.Dense(x, rows, cols, nameof(x));
        KernelGuard.Dense(y, rows, cols, nameof(y));
        if (rows == 0 || cols == 0)
            return;
        LogSoftmaxCore(rows, cols, x, y);
    }

    /// <summary>destination[r] = log Σ_c exp(x[r,c]); −∞ for an empty or all −∞ row.</summary>
    public void LogSumExp(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        KernelGuard.Dense(x, rows, cols, nameof(x));
        KernelGuard.Dense(destination, rows, 1, nameof(destination));
        if (rows == 0)
            return;
        if (cols == 0)
        {
            destination.Slice(0, rows).Fill(float.NegativeInfinity);
            return;
        }
        LogSumExpCore(rows, cols, x, destination);
    }

    /// <summary>destination[i,j] = ‖x_i − y_j‖² for x: m×d, y: n×d; clamped at ≥ 0.</summary>
    public void SquaredEuclideanDistances(int m, int n, int d, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        Span<float> destination)
    {
        KernelGuard.NonNegative(m, nameof(m));
        KernelGuard.NonNegative(n, nameof(n));
        KernelGuard.NonNegative(d, nameof(d));
        KernelGuard.Dense(x, m, d, nameof(x));
        KernelGuard.Dense(y, n, d, nameof(y));
        KernelGuard.Dense(destination, m, n, nameof(destination));
        if (m == 0 || n == 0)
            return;
        if (d == 0)
        {
            destination.Slice(0, m * n).Clear();
            return;
        }
        SquaredEuclideanDistancesCore(m, n, d, x, y, destination);
    }

    /// <summary>Σ x.</summary>
    public float Sum(ReadOnlySpan<float> x) => x.IsEmpty ? 0f : SumCore(x);

    /// <summary>Σ x².</summary>
    public float SumOfSquares(ReadOnlySpan<float> x) => x.IsEmpty ? 0f : SumOfSquaresCore(x);

    /// <summary>Σ x·y.</summary>
    public float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        KernelGuard.SameLength(x, y, nameof(y));
        return x.IsEmpty ? 0f : DotCore(x, y);
    }

    /// <summary>Largest element; −∞ when empty; NaN if any element is NaN.</summary>
    public float Max(ReadOnlySpan<float> x) => x.IsEmpty ? float.NegativeInfinity : MaxCore(x);

    /// <summary>Smallest element; +∞ when empty; NaN if any element is NaN.</summary>
    public float Min(ReadOnlySpan<float> x) => x.IsEmpty ? float.PositiveInfinity : MinCore(x);

    /// <summary>destination[c] = Σ_r x[r,c] over a rows×cols matrix (destination overwritten).</summary>
    public void ColumnSums(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        KernelGuard.Dense(x, rows, cols, nameof(x));
        KernelGuard.Dense(destination, 1, cols, nameof(destination));
        if (cols == 0)
            return;
        if (rows == 0)
        {
            destination.Slice(0, cols).Clear();
            return;
        }
        ColumnSumsCore(rows, cols, x, destination);
    }

    /// <summary>One fused Adam (or AdamW when <see cref="AdamParameters.Decoupled"/>) step over a flat buffer.</summary>
    /// <remarks>g' = g + λw (classic only); m = β1 m + (1−β1) g'; v = β2 v + (1−β2) g'²;
    /// w −= lr·( m̂ / (√v̂ + ε) + (decoupled ? λw : 0) ), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).</remarks>
    public void AdamUpdate(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v,
        AdamParameters parameters)
    {
        KernelGuard.SameLength(weights, gradients, nameof(gradients));
        KernelGuard.SameLength(weights, m, nameof(m));
        KernelGuard.SameLength(weights, v, nameof(v));
        KernelGuard.Adam(parameters);
        if (weights.IsEmpty)
            return;
        AdamUpdateCore(weights, gradients, m, v, parameters);
    }

    /// <summary>Philox4x32-10 uniform noise in (0,1); element i is global index <paramref name="offset"/> + i.</summary>
    public void RandomUniform(ulong seed, ulong offset, Span<float> destination)
    {
        if (!destination.IsEmpty)
            RandomCore(RandomDistribution.Uniform, seed, offset, destination);
    }

    /// <summary>Standard normal noise (Box–Muller on a per-element Philox block).</summary>
    public void RandomNormal(ulong seed, ulong offset, Span<float> destination)
    {
        if (!destination.IsEmpty)
            RandomCore(RandomDistribution.Normal, seed, offset, destination);
    }

    /// <summary>Standard Gumbel noise, −ln(−ln u).</summary>
    public void RandomGumbel(ulong seed, ulong offset, Span<float> destination)
    {
        if (!destination.IsEmpty)
            RandomCore(RandomDistribution.Gumbel, seed, offset, destination);
    }

    /// <summary>Standard logistic noise, ln u − ln(1 − u).</summary>
    public void RandomLogistic(ulong seed, ulong offset, Span<float> destination)
    {
        if (!destination.IsEmpty)
            RandomCore(RandomDistribution.Logistic, seed, offset, destination);
    }

    /// <summary>A backend of the same kind and settings with another thread budget (already validated).</summary>
    private protected abstract KernelBackend WithMaxThreadsCore(int maxThreads);

    // Every ...Core is virtual and its default body is the scalar reference (ScalarKernels): a new kernel lands with
    // its reference only and runs everywhere at once; the managed and native backends override each Core with their
    // own code (docs/kernels.md, "Adding a kernel"). KernelBackendsTests checks which Cores each backend overrides.

    private protected virtual void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => ScalarKernels.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    private protected virtual void BiasActivationForwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
        => ScalarKernels.BiasActivationForward(activation, alpha, rows, cols, x, bias, y);

    private protected virtual void BiasActivationBackwardCore(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
        => ScalarKernels.BiasActivationBackward(activation, alpha, rows, cols, z, y, dy, dz, dbias);

    private protected virtual void SoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
        => ScalarKernels.Softmax(rows, cols, x, y);

    private protected virtual void LogSoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
        => ScalarKernels.LogSoftmax(rows, cols, x, y);

    private protected virtual void LogSumExpCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
        => ScalarKernels.LogSumExp(rows, cols, x, destination);

    private protected virtual void SquaredEuclideanDistancesCore(int m, int n, int d, ReadOnlySpan<float> x,
        ReadOnlySpan<float> y, Span<float> destination) => ScalarKernels.SquaredEuclideanDistances(m, n, d, x, y, destination);

    private protected virtual float SumCore(ReadOnlySpan<float> x) => ScalarKernels.Sum(x);

    private protected virtual float SumOfSquaresCore(ReadOnlySpan<float> x) => ScalarKernels.SumOfSquares(x);

    private protected virtual float DotCore(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => ScalarKernels.Dot(x, y);

    private protected virtual float MaxCore(ReadOnlySpan<float> x) => ScalarKernels.Max(x);

    private protected virtual float MinCore(ReadOnlySpan<float> x) => ScalarKernels.Min(x);

    private protected virtual void ColumnSumsCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
        => ScalarKernels.ColumnSums(rows, cols, x, destination);

    private protected virtual void AdamUpdateCore(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m,
        Span<float> v, AdamParameters parameters) => ScalarKernels.AdamUpdate(weights, gradients, m, v, parameters);

    private protected virtual void RandomCore(RandomDistribution distribution, ulong seed, ulong offset,
        Span<float> destination) => Philox.Fill(distribution, seed, offset, destination);
}
