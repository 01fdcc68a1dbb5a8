using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// The input checks shared by the calibration metrics. Each failure names the argument and the offending index (the
/// catalog entry points check the same rules while reading and name the column and the row instead).
/// </summary>
internal static class CalibrationInput
{
    public static void RequireNonEmpty(int length, string paramName)
    {
        if (length == 0)
            throw new ArgumentException($"'{paramName}' is empty; the calibration metrics need at least one row.", paramName);
    }

    public static void RequireSameLength(int expected, int actual, string expectedName, string actualName)
    {
        if (expected != actual)
        {
            throw new ArgumentException(
                $"'{actualName}' holds {actual} values but '{expectedName}' holds {expected}; expected one per row.", actualName);
        }
    }

    public static void RequireBins(int numberOfBins, string paramName = "numberOfBins")
    {
        if (numberOfBins < 1)
            throw new ArgumentOutOfRangeException(paramName, numberOfBins, "The number of bins must be at least 1.");
    }

    public static void RequireClasses(int numberOfClasses, string paramName = "numberOfClasses")
    {
        if (numberOfClasses < 2)
            throw new ArgumentOutOfRangeException(paramName, numberOfClasses, "A multiclass problem needs at least 2 classes.");
    }

    /// <summary>Each value must be a probability in [0, 1] (NaN fails too).</summary>
    public static void RequireProbabilities(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0 && values[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(paramName,
                    $"'{paramName}'[{i}] is {Format(values[i])}; expected a probability in [0, 1].");
            }
        }
    }

    /// <summary>
    /// Row-major N×K probabilities: every entry in [0, 1] and every row summing to 1 within <paramref name="tolerance"/>.
    /// Rows are not renormalised: a row far from 1 usually means the column holds scores or logits, not probabilities.
    /// </summary>
    public static void RequireProbabilityRows(ReadOnlySpan<double> probabilities, int numberOfClasses, double tolerance,
        string paramName)
    {
        RequireProbabilities(probabilities, paramName);
        int rows = probabilities.Length / numberOfClasses;
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            foreach (double p in probabilities.Slice(i * numberOfClasses, numberOfClasses))
                sum += p;
            if (!(Math.Abs(sum - 1) <= tolerance))
            {
                throw new ArgumentOutOfRangeException(paramName,
                    $"Row {i} of '{paramName}' sums to {Format(sum)}; expected class probabilities summing to 1 " +
                    $"(within {Format(tolerance)}). Scores or logits must go through a softmax first.");
            }
        }
    }

    /// <summary>Row-major N×K probabilities for N labels: the length and each label are checked.</summary>
    public static void RequireMulticlass(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int numberOfClasses,
        double tolerance, string probabilitiesName, string labelsName)
    {
        RequireClasses(numberOfClasses);
        RequireNonEmpty(labels.Length, labelsName);
        if ((long)labels.Length * numberOfClasses != probabilities.Length)
        {
            throw new ArgumentException(
                $"'{probabilitiesName}' holds {probabilities.Length} values; expected {labels.Length} rows × " +
                $"{numberOfClasses} classes = {(long)labels.Length * numberOfClasses} (row-major).", probabilitiesName);
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)numberOfClasses)
            {
                throw new ArgumentOutOfRangeException(labelsName,
                    $"'{labelsName}'[{i}] is {labels[i]}; expected a class index in [0, {numberOfClasses - 1}].");
            }
        }
        RequireProbabilityRows(probabilities, numberOfClasses, tolerance, probabilitiesName);
    }

    public static void RequireTolerance(double tolerance, string paramName)
    {
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(paramName, tolerance, "The tolerance must be non-negative and finite.");
    }

    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
