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

    /// <summary>Creates a metric that takes row weights into account.</summary>
    /// <param name="name">Name for reports.</param>
    /// <param name="function">Computes the metric over the whole validation set, with its row weights.</param>
    /// <param name="higherIsBetter">True for scores such as accuracy, false for losses.</param>
    public ValidationMetric(string name, WeightedValidationMetricFunction function, bool higherIsBetter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        WeightedFunction = function;
        Function = (outputs, labels, rows, outputSize) => function(outputs, labels, default, rows, outputSize);
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>The weighted scoring function, or null for a metric that ignores row weights.</summary>
    public WeightedValidationMetricFunction? WeightedFunction { get; }

    /// <summary>Scores a validation set; <paramref name="weights"/> (one per row, or empty) reach the metric when it
    /// takes weights (<see cref="WeightedFunction"/>), and are ignored by an unweighted metric.</summary>
    public double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, int rows,
        int outputSize)
        => WeightedFunction is { } weighted && !weights.IsEmpty
            ? weighted(outputs, labels, weights, rows, outputSize)
            : Function(outputs, labels, rows, outputSize);

    /// <summary>Name for reports.</summary>
    public string Name { get; }

    /// <summary>The scoring function.</summary>
    public ValidationMetricFunction Function { get; }

    /// <summary>Whether larger values are better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Binary accuracy of one logit per row: predicted positive when the logit is &gt; 0, actual positive when
    /// the label is &gt; 0.5. Weighted: Σ w·correct / Σ w.</summary>
    public static ValidationMetric BinaryAccuracy { get; } = new("BinaryAccuracy", static (outputs, labels, weights, rows, outputSize) =>
    {
        double correct = 0, total = 0;
        for (int r = 0; r < rows; r++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[r];
            correct += (outputs[r * outputSize] > 0f) == (labels[r] > 0.5f) ? w : 0;
            total += w;
        }
        return total == 0 ? double.NaN : correct / total;
    }, higherIsBetter: true);

    /// <summary>Multiclass accuracy: the arg-max output equals the class-index label. Weighted: Σ w·correct / Σ w.</summary>
    public static ValidationMetric MulticlassAccuracy { get; } = new("MulticlassAccuracy", static (outputs, labels, weights, rows, outputSize) =>
    {
        double correct = 0, total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = outputs.Slice(r * outputSize, outputSize);
            int best = 0;
            for (int c = 1; c < outputSize; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }
            double w = weights.IsEmpty ? 1.0 : weights[r];
            correct += best == (int)labels[r] ? w : 0;
            total += w;
        }
        return total == 0 ? double.NaN : correct / total;
    }, higherIsBetter: true);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
