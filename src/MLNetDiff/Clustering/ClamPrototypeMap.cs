using System;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>
/// ClAM's inference map (specs/clustering.md B5): T unmasked Euler steps v^{t+1} = v^t + α·(ρ̄(v^t) − v^t) of the
/// associative-memory dynamics from the standardised row, ρ̄ = Σ_μ s_μ ρ_μ, s = softmax(−(β/2)‖v − ρ_μ‖²). The prototype
/// model then scores ‖v^T − ρ_μ‖², so Score, PredictedLabel, Explain and the ONNX distance nodes are the shared ones.
/// </summary>
/// <remarks>
/// The steps are computed here per row, in float, in the order the ONNX graph computes them (distances as sums of
/// squared differences, logits = distance·(−β/2), a max-subtracted softmax, ρ̄ as Σ s_μ ρ_μ, then Sub, Mul α, Add), not
/// through <c>ClamDynamics</c>' batched kernels: those take distances as ‖v‖² − 2vρ + ‖ρ‖², whose cancellation near a
/// prototype is rounding the ONNX graph does not have, and ten steps carry it into the scores. It holds no workspace
/// (per-row buffers on the stack), so one map serves every cursor thread. A test holds it to <c>ClamDynamics</c>' scores.
/// </remarks>
internal sealed class ClamPrototypeMap : PrototypeMap
{
    private const int StackLimit = 256;
    private readonly float[] _prototypes;
    private readonly float _negativeHalfBeta;
    private readonly float _alpha;

    /// <param name="prototypes">K × d row-major ρ (model space; not copied: the model owns it and never mutates it).</param>
    /// <param name="dimension">d.</param>
    /// <param name="beta">β &gt; 0 (logits −(β/2)‖v − ρ‖², the official code's convention).</param>
    /// <param name="alpha">α ∈ (0, 1].</param>
    /// <param name="steps">T ≥ 1.</param>
    public ClamPrototypeMap(float[] prototypes, int dimension, double beta, double alpha, int steps)
    {
        ArgumentNullException.ThrowIfNull(prototypes);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (prototypes.Length == 0 || prototypes.Length % dimension != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{prototypes.Length} prototype values are not K rows of {dimension}."), nameof(prototypes));
        if (!(beta > 0) || !double.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "ClAM's beta must be positive and finite.");
        if (!(alpha > 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ClAM's alpha must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _prototypes = prototypes;
        Dimension = dimension;
        Clusters = prototypes.Length / dimension;
        Beta = beta;
        Alpha = alpha;
        Steps = steps;
        _negativeHalfBeta = (float)(-beta / 2);
        _alpha = (float)alpha;
    }

    public int Dimension { get; }

    public int Clusters { get; }

    public double Beta { get; }

    public double Alpha { get; }

    public int Steps { get; }

    public override string Name => "Clam";

    public override void Apply(Span<float> values, int rows, int dimension)
    {
        if (dimension != Dimension)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The ClAM map runs on rows of {Dimension} values, not {dimension}."), nameof(dimension));
        int k = Clusters, d = Dimension;
        Span<float> logits = k <= StackLimit ? stackalloc float[k] : new float[k];
        Span<float> mean = d <= StackLimit ? stackalloc float[d] : new float[d];
        for (int r = 0; r < rows; r++)
            Run(values.Slice(r * d, d), logits, mean);
    }

    private void Run(Span<float> v, Span<float> s, Span<float> mean)
    {
        int k = Clusters, d = Dimension;
        for (int t = 0; t < Steps; t++)
        {
            for (int j = 0; j < k; j++)
                s[j] = PrototypeModel.SquaredDistance(v, _prototypes.AsSpan(j * d, d)) * _negativeHalfBeta;
            // Softmax with max-subtraction (B8): exp(z − max z) / Σ.
            float max = TensorPrimitives.Max(s);
            TensorPrimitives.Subtract(s, max, s);
            TensorPrimitives.Exp(s, s);
            TensorPrimitives.Divide(s, TensorPrimitives.Sum(s), s);
            mean.Clear();
            for (int j = 0; j < k; j++)
                TensorPrimitives.MultiplyAdd(_prototypes.AsSpan(j * d, d), s[j], mean, mean);
            // v ← v + α·(ρ̄ − v).
            TensorPrimitives.Subtract(mean, v, mean);
            TensorPrimitives.MultiplyAdd(mean, _alpha, v, v);
        }
    }

    /// <summary>The T steps unrolled with opset-9 operators: Unsqueeze, Sub ρ, Mul, ReduceSum (distances), Mul −β/2,
    /// Softmax (axis 1 of the [N, K] logits), MatMul ρ, then Sub, Mul α, Add.</summary>
    public override string WriteOnnx(OnnxLayerContext context, string input, int dimension)
    {
        int k = Clusters, d = Dimension;
        string prototypes = context.Tensor("Prototypes", _prototypes, k, d);
        string negativeHalfBeta = context.Scalar("NegativeHalfBeta", _negativeHalfBeta);
        string alpha = context.Scalar("Alpha", _alpha);
        string v = input;
        for (int t = 0; t < Steps; t++)
        {
            string rows = context.Node("Unsqueeze", [v], out OnnxNode unsqueeze);
            unsqueeze.AddAttribute("axes", new long[] { 1 });
            string differences = context.Node("Sub", rows, prototypes);
            string squares = context.Node("Mul", differences, differences);
            string distances = context.Node("ReduceSum", [squares], out OnnxNode sum);
            sum.AddAttribute("axes", new long[] { 2 });
            sum.AddAttribute("keepdims", 0);
            string logits = context.Node("Mul", distances, negativeHalfBeta);
            string weights = context.Node("Softmax", [logits], out OnnxNode softmax);
            softmax.AddAttribute("axis", 1);
            string mean = context.Node("MatMul", weights, prototypes);
            string pull = context.Node("Sub", mean, v);
            string step = context.Node("Mul", pull, alpha);
            v = context.Node("Add", v, step);
        }
        return v;
    }
}
