using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Losses;

/// <summary>
/// A training objective over a batch of network outputs: returns the mean loss (accumulated in double) and writes
/// ∂(mean loss)/∂output.
/// </summary>
/// <remarks>Losses keep reusable scratch buffers, so an instance must not be shared between threads that train
/// concurrently. Labels are a rows × <see cref="GetLabelSize"/> float matrix (class indices as floats for
/// <see cref="SoftmaxCrossEntropyLoss"/>).</remarks>
public abstract class Loss
{
    /// <summary>Short name for progress reports and errors.</summary>
    public abstract string Name { get; }

    /// <summary>Label floats per row that this loss expects for a network with <paramref name="outputSize"/> outputs.</summary>
    public virtual int GetLabelSize(int outputSize) => outputSize;

    /// <summary>Throws <see cref="ArgumentException"/> when the loss cannot train a network with
    /// <paramref name="outputSize"/> outputs on labels of <paramref name="labelSize"/> floats per row.</summary>
    public virtual void ValidateShape(int outputSize, int labelSize)
    {
        int expected = GetLabelSize(outputSize);
        if (labelSize != expected)
            throw new ArgumentException(
                $"{Name} needs {expected} label value(s) per row for a network with {outputSize} output(s), but the data has {labelSize}.",
                nameof(labelSize));
    }

    /// <summary>Computes the mean loss over <paramref name="rows"/> rows and, unless <paramref name="outputGradient"/> is
    /// empty, writes ∂(mean loss)/∂output into it (rows × <paramref name="outputSize"/>).</summary>
    /// <param name="backend">Kernel backend.</param>
    /// <param name="outputs">Network outputs (logits for the cross-entropy losses).</param>
    /// <param name="labels">rows × <see cref="GetLabelSize"/> labels.</param>
    /// <param name="rows">Rows in the batch (&gt; 0).</param>
    /// <param name="outputSize">Outputs per row.</param>
    /// <param name="outputGradient">Receives the gradient; empty for evaluation only.</param>
    /// <returns>The mean loss.</returns>
    public double Compute(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int rows,
        int outputSize, Span<float> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        (int count, int labelCount) = CheckLengths(outputs, labels, outputGradient, rows, outputSize);
        return ComputeCore(backend, outputs.Slice(0, count), labels.Slice(0, labelCount), rows, outputSize,
            outputGradient.IsEmpty ? default : outputGradient.Slice(0, count));
    }

    /// <summary>True when the loss accepts row weights (<see cref="Compute(KernelBackend, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>).
    /// The built-in losses do; a user-defined loss opts in by overriding <see cref="ComputeWeightedCore"/>.</summary>
    public virtual bool SupportsRowWeights => false;

    /// <summary>The row-weighted loss: Σᵣ wᵣ·ℓᵣ / Σᵣ wᵣ, where ℓᵣ is row r's loss (its mean over outputs for the
    /// element-wise losses), and ∂/∂output of it. Weights are ≥ 0; a weight of 0 removes a row (padding of a grouped
    /// batch); a batch whose weights sum to 0 has loss 0 and a zero gradient. Empty <paramref name="weights"/> is the
    /// unweighted loss, and all-one weights give the unweighted value.</summary>
    /// <exception cref="NotSupportedException">The loss does not support row weights (<see cref="SupportsRowWeights"/>).</exception>
    public double Compute(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        ReadOnlySpan<float> weights, int rows, int outputSize, Span<float> outputGradient)
    {
        if (weights.IsEmpty)
            return Compute(backend, outputs, labels, rows, outputSize, outputGradient);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        if (!SupportsRowWeights)
            throw new NotSupportedException($"The {Name} loss does not support row weights; remove the weight column or use a loss that does.");
        if (weights.Length < rows)
            throw new ArgumentException($"'{nameof(weights)}' holds {weights.Length} floats; {rows} are needed.", nameof(weights));
        (int count, int labelCount) = CheckLengths(outputs, labels, outputGradient, rows, outputSize);
        return ComputeWeightedCore(backend, outputs.Slice(0, count), labels.Slice(0, labelCount), weights.Slice(0, rows),
            rows, outputSize, outputGradient.IsEmpty ? default : outputGradient.Slice(0, count));
    }

    // Both Compute overloads: the spans must hold rows × outputSize outputs (and gradient, when given) and the labels.
    private (int Count, int LabelCount) CheckLengths(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        Span<float> outputGradient, int rows, int outputSize)
    {
        long count = (long)rows * outputSize;
        if (outputs.Length < count)
            throw new ArgumentException($"'{nameof(outputs)}' holds {outputs.Length} floats; {count} are needed.", nameof(outputs));
        long labelCount = (long)rows * GetLabelSize(outputSize);
        if (labels.Length < labelCount)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} floats; {labelCount} are needed.", nameof(labels));
        if (!outputGradient.IsEmpty && outputGradient.Length < count)
            throw new ArgumentException($"'{nameof(outputGradient)}' holds {outputGradient.Length} floats; {count} are needed.", nameof(outputGradient));
        return ((int)count, (int)labelCount);
    }

    /// <summary>The row-weighted loss (see the public overload); spans are validated and sliced to the exact lengths.</summary>
    protected virtual double ComputeWeightedCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        ReadOnlySpan<float> weights, int rows, int outputSize, Span<float> outputGradient)
        => throw new NotSupportedException($"The {Name} loss does not support row weights.");

    /// <summary>Σ weights in double (the normaliser of a weighted loss).</summary>
    private protected static double WeightSum(ReadOnlySpan<float> weights)
    {
        double sum = 0;
        foreach (float w in weights)
            sum += w;
        return sum;
    }

    /// <summary>The loss itself; spans are already validated and sliced to the exact lengths.</summary>
    protected abstract double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, Span<float> outputGradient);

    /// <summary>A new instance with the same settings and its own scratch, for a data-parallel shard running on another
    /// thread; null when the loss cannot be split by rows (its batch value is not the row-weighted mean of the values of
    /// its row shards, or it is a user-defined loss the engine knows nothing about): such losses train unsharded.</summary>
    internal virtual Loss? CreateShardCopy() => null;

    /// <summary>Returns <paramref name="buffer"/> if it holds at least <paramref name="length"/> elements, else a new array.</summary>
    private protected static T[] Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[length];
        return buffer;
    }
}
