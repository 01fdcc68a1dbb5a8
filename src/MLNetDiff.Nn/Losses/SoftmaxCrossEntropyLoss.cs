using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Losses;

/// <summary>
/// Multiclass cross-entropy on logits with integer class labels: ℓᵣ = −log softmax(zᵣ)[yᵣ], averaged over rows
/// (weighted mean Σ wᵧ ℓᵣ / Σ wᵧ with class weights, as PyTorch's <c>CrossEntropyLoss(weight=…)</c>).
/// </summary>
/// <remarks>Built on the kernel's row log-softmax (max-subtracted), so it is finite for any logits.
/// ∂ℓ/∂zᵣ = wᵧ·(softmax(zᵣ) − onehot(yᵣ)) / Σ w. Labels are one class index per row in [0, classes), passed as floats
/// (exact up to 2²⁴) or through the <see cref="Compute(KernelBackend, ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float})"/>
/// overload as ints.</remarks>
public sealed class SoftmaxCrossEntropyLoss : Loss
{
    private readonly float[]? _classWeights;
    private float[] _logProbabilities = [];
    private int[] _indices = [];

    /// <summary>Creates the loss.</summary>
    /// <param name="classWeights">Optional weight per class (length = number of outputs), all ≥ 0.</param>
    public SoftmaxCrossEntropyLoss(ReadOnlySpan<float> classWeights = default)
    {
        if (classWeights.IsEmpty)
            return;
        foreach (float w in classWeights)
        {
            if (!(w >= 0f && float.IsFinite(w)))
                throw new ArgumentOutOfRangeException(nameof(classWeights), w, "Class weights must be finite and non-negative.");
        }
        _classWeights = classWeights.ToArray();
    }

    /// <summary>Unweighted: the batch loss is a mean over rows, so shards combine exactly; class weights normalise by the
    /// batch's weight sum, so a weighted loss trains unsharded.</summary>
    internal override Loss? CreateShardCopy() => _classWeights is null ? new SoftmaxCrossEntropyLoss() : null;

    /// <inheritdoc/>
    public override string Name => "SoftmaxCrossEntropy";

    /// <summary>The class weights, or empty when unweighted.</summary>
    public ReadOnlySpan<float> ClassWeights => _classWeights;

    /// <inheritdoc/>
    public override int GetLabelSize(int outputSize) => 1;

    /// <inheritdoc/>
    public override void ValidateShape(int outputSize, int labelSize)
    {
        base.ValidateShape(outputSize, labelSize);
        if (outputSize < 2)
            throw new ArgumentException($"{Name} needs at least 2 outputs (one logit per class); the network has {outputSize}.", nameof(outputSize));
        if (_classWeights is not null && _classWeights.Length != outputSize)
            throw new ArgumentException($"{Name} has {_classWeights.Length} class weights but the network has {outputSize} outputs.", nameof(outputSize));
    }

    /// <summary>Computes the loss with integer class labels (one per row).</summary>
    /// <param name="backend">Kernel backend.</param>
    /// <param name="outputs">rows × classes logits.</param>
    /// <param name="labels">Class index per row, in [0, classes).</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="classes">Number of classes (outputs per row).</param>
    /// <param name="outputGradient">Receives ∂(mean loss)/∂logits; empty to skip.</param>
    public double Compute(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int rows,
        int classes, Span<float> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        int count = checked(rows * classes);
        if (outputs.Length < count)
            throw new ArgumentException($"'{nameof(outputs)}' holds {outputs.Length} floats; {count} are needed.", nameof(outputs));
        if (labels.Length < rows)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} labels; {rows} are needed.", nameof(labels));
        if (!outputGradient.IsEmpty && outputGradient.Length < count)
            throw new ArgumentException($"'{nameof(outputGradient)}' holds {outputGradient.Length} floats; {count} are needed.", nameof(outputGradient));
        return ComputeIndices(backend, outputs.Slice(0, count), labels.Slice(0, rows), rows, classes,
            outputGradient.IsEmpty ? default : outputGradient.Slice(0, count));
    }

    /// <inheritdoc/>
    protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, Span<float> outputGradient)
    {
        Span<int> indices = Grow(ref _indices, rows).AsSpan(0, rows);
        for (int r = 0; r < rows; r++)
        {
            float label = labels[r];
            int index = (int)label;
            if (index != label)
                throw new ArgumentException($"Row {r} of the batch has label {label}, which is not a class index.", nameof(labels));
            indices[r] = index;
        }
        return ComputeIndices(backend, outputs, indices, default, rows, outputSize, outputGradient);
    }

    /// <inheritdoc/>
    public override bool SupportsRowWeights => true;

    /// <summary>Row weights multiply the class weights: Σ w_class·w_row·ℓᵣ / Σ w_class·w_row.</summary>
    protected override double ComputeWeightedCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        ReadOnlySpan<float> weights, int rows, int outputSize, Span<float> outputGradient)
    {
        Span<int> indices = Grow(ref _indices, rows).AsSpan(0, rows);
        for (int r = 0; r < rows; r++)
        {
            float label = labels[r];
            int index = (int)label;
            if (index != label)
                throw new ArgumentException($"Row {r} of the batch has label {label}, which is not a class index.", nameof(labels));
            indices[r] = index;
        }
        if (WeightSum(weights) <= 0)
        {
            outputGradient.Clear();
            return 0;
        }
        return ComputeIndices(backend, outputs, indices, weights, rows, outputSize, outputGradient);
    }

    private double ComputeIndices(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int rows,
        int classes, Span<float> outputGradient) => ComputeIndices(backend, outputs, labels, default, rows, classes, outputGradient);

    private double ComputeIndices(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> rowWeights, int rows, int classes, Span<float> outputGradient)
    {
        if (_classWeights is not null && _classWeights.Length != classes)
            throw new ArgumentException($"{Name} has {_classWeights.Length} class weights but the outputs have {classes} classes.", nameof(classes));
        int count = rows * classes;
        Span<float> logp = Grow(ref _logProbabilities, count).AsSpan(0, count);
        backend.LogSoftmax(rows, classes, outputs, logp);

        double sum = 0, weightSum = 0;
        for (int r = 0; r < rows; r++)
        {
            int y = labels[r];
            if ((uint)y >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), y, $"Row {r} of the batch has class {y}, outside [0, {classes}).");
            double w = (_classWeights is null ? 1.0 : _classWeights[y]) * (rowWeights.IsEmpty ? 1.0 : rowWeights[r]);
            sum -= w * logp[r * classes + y];
            weightSum += w;
        }
        if (weightSum <= 0)
        {
            if (!rowWeights.IsEmpty)
            {
                outputGradient.Clear();
                return 0;
            }
            throw new InvalidOperationException($"{Name}: the class weights of this batch sum to zero.");
        }

        if (!outputGradient.IsEmpty)
        {
            TensorPrimitives.Exp(logp, outputGradient);
            float inverse = (float)(1.0 / weightSum);
            for (int r = 0; r < rows; r++)
            {
                int y = labels[r];
                Span<float> g = outputGradient.Slice(r * classes, classes);
                g[y] -= 1f;
                float scale = (_classWeights is null ? inverse : _classWeights[y] * inverse) * (rowWeights.IsEmpty ? 1f : rowWeights[r]);
                TensorPrimitives.Multiply(g, scale, g);
            }
        }
        return sum / weightSum;
    }
}
