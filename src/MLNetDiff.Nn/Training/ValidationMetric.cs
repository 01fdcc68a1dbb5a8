using System;

namespace MLNetDiff.Nn.Training;

/// <summary>Scores a whole validation set: network outputs (rows × outputSize) against labels (rows × label size).</summary>
public delegate double ValidationMetricFunction(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int rows,
    int outputSize);

/// <summary>A validation metric for early stopping and progress reports (e.g. F1 for a component that optimises it).</summary>
public sealed class ValidationMetric
{
    /// <summary>Creates a metric.</summary>
    /// <param name="name">Name for reports.</param>
    /// <param name="function">Computes the metric over the whole validation set.</param>
    /// <param name="higherIsBetter">True for scores such as accuracy, false for losses.</param>
    public ValidationMetric(string name, ValidationMetricFunction function, bool higherIsBetter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        Function = function;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>Name for reports.</summary>
    public string Name { get; }

    /// <summary>The scoring function.</summary>
    public ValidationMetricFunction Function { get; }

    /// <summary>Whether larger values are better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Binary accuracy of one logit per row: predicted positive when the logit is &gt; 0, actual positive when
    /// the label is &gt; 0.5.</summary>
    public static ValidationMetric BinaryAccuracy { get; } = new("BinaryAccuracy", static (outputs, labels, rows, outputSize) =>
    {
        int correct = 0;
        for (int r = 0; r < rows; r++)
            correct += (outputs[r * outputSize] > 0f) == (labels[r] > 0.5f) ? 1 : 0;
        return rows == 0 ? double.NaN : (double)correct / rows;
    }, higherIsBetter: true);

    /// <summary>Multiclass accuracy: the arg-max output equals the class-index label.</summary>
    public static ValidationMetric MulticlassAccuracy { get; } = new("MulticlassAccuracy", static (outputs, labels, rows, outputSize) =>
    {
        int correct = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = outputs.Slice(r * outputSize, outputSize);
            int best = 0;
            for (int c = 1; c < outputSize; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }
            correct += best == (int)labels[r] ? 1 : 0;
        }
        return rows == 0 ? double.NaN : (double)correct / rows;
    }, higherIsBetter: true);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
