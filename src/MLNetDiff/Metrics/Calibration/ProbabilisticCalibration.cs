using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Probabilistic calibration of regression models (Dheur and Ben Taieb 2023; spec calibration.md, Part D): a model's
/// predictive CDFs are calibrated when the PIT values Z_i = F_i(y_i) are uniform on [0, 1]. The probabilistic calibration
/// error (PCE) is the L1 distance between the PITs' empirical CDF and the diagonal; lower is better, 0 is perfect.
/// </summary>
public static class ProbabilisticCalibration
{
    /// <summary>The default number of levels of the level form, 100 (the grid of the paper's PCE-KDE regulariser).</summary>
    public const int DefaultNumberOfLevels = 100;

    /// <summary>Sorted form (the reference code's <c>calib_l1</c>): (1/N)·Σ_i |Z_(i) − i/(N + 1)| over the sorted PITs.</summary>
    /// <param name="pitValues">PIT values F_i(y_i), in [0, 1].</param>
    /// <exception cref="ArgumentException">Empty input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A PIT value outside [0, 1] or NaN (the index is named).</exception>
    public static double ProbabilisticCalibrationError(ReadOnlySpan<double> pitValues)
    {
        CalibrationInput.RequireNonEmpty(pitValues.Length, nameof(pitValues));
        CalibrationInput.RequireProbabilities(pitValues, nameof(pitValues));
        double[] sorted = pitValues.ToArray();
        Array.Sort(sorted);
        double sum = 0, denominator = sorted.Length + 1.0;
        for (int i = 0; i < sorted.Length; i++)
            sum += Math.Abs(sorted[i] - (i + 1) / denominator);
        return sum / sorted.Length;
    }

    /// <summary>Level form: (1/M)·Σ_j |α_j − (1/N)·Σ_i 1[Z_i ≤ α_j]|.</summary>
    /// <param name="pitValues">PIT values F_i(y_i), in [0, 1].</param>
    /// <param name="levels">The levels α_j, each in [0, 1] (e.g. <see cref="MidpointLevels"/>).</param>
    /// <exception cref="ArgumentException">Empty input or no levels.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A PIT value or level outside [0, 1] or NaN (the index is named).</exception>
    public static double ProbabilisticCalibrationErrorAtLevels(ReadOnlySpan<double> pitValues, ReadOnlySpan<double> levels)
    {
        CalibrationInput.RequireNonEmpty(pitValues.Length, nameof(pitValues));
        CalibrationInput.RequireProbabilities(pitValues, nameof(pitValues));
        CheckLevels(levels);
        double[] sorted = pitValues.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (double level in levels)
            sum += Math.Abs(level - CountAtMost(sorted, level) / (double)sorted.Length);
        return sum / levels.Length;
    }

    /// <summary>
    /// Level form for quantile models: (1/M)·Σ_j |α_j − (1/N)·Σ_i 1[y_i ≤ q̂_{α_j}(x_i)]|, the observed coverage of each
    /// predicted quantile against its level.
    /// </summary>
    /// <param name="labels">The observed targets y_i (finite).</param>
    /// <param name="quantiles">Row-major N×M predicted quantiles, row i holding q̂_{α_1}(x_i) … q̂_{α_M}(x_i) (finite;
    /// crossing quantiles are allowed).</param>
    /// <param name="levels">The levels α_1 … α_M, each in [0, 1].</param>
    /// <exception cref="ArgumentException">Empty input, no levels, or not N·M quantiles.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level outside [0, 1], or a label or quantile NaN or infinite
    /// (the index is named).</exception>
    public static double QuantileCalibrationError(ReadOnlySpan<double> labels, ReadOnlySpan<double> quantiles,
        ReadOnlySpan<double> levels)
    {
        double[] observed = ObservedCoverage(labels, quantiles, levels);
        double sum = 0;
        for (int j = 0; j < levels.Length; j++)
            sum += Math.Abs(levels[j] - observed[j]);
        return sum / levels.Length;
    }

    /// <summary>For each level α_j, the share of rows with y_i ≤ q̂_{α_j}(x_i) (α_j itself for a calibrated model).</summary>
    /// <inheritdoc cref="QuantileCalibrationError" path="/param"/>
    /// <inheritdoc cref="QuantileCalibrationError" path="/exception"/>
    public static double[] ObservedCoverage(ReadOnlySpan<double> labels, ReadOnlySpan<double> quantiles,
        ReadOnlySpan<double> levels)
    {
        CheckQuantiles(labels, quantiles, levels);
        int m = levels.Length;
        var below = new long[m];
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (labels[i] <= quantiles[i * m + j])
                    below[j]++;
            }
        }
        var observed = new double[m];
        for (int j = 0; j < m; j++)
            observed[j] = below[j] / (double)labels.Length;
        return observed;
    }

    /// <summary>M levels at the midpoints (j − 0.5)/M, j = 1 … M.</summary>
    /// <param name="numberOfLevels">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">M &lt; 1.</exception>
    public static double[] MidpointLevels(int numberOfLevels = DefaultNumberOfLevels)
    {
        if (numberOfLevels < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfLevels), numberOfLevels, "The number of levels must be at least 1.");
        var levels = new double[numberOfLevels];
        for (int j = 0; j < numberOfLevels; j++)
            levels[j] = (j + 0.5) / numberOfLevels;
        return levels;
    }

    internal static void CheckLevels(ReadOnlySpan<double> levels)
    {
        CalibrationInput.RequireNonEmpty(levels.Length, nameof(levels));
        CalibrationInput.RequireProbabilities(levels, nameof(levels));
    }

    internal static void CheckQuantiles(ReadOnlySpan<double> labels, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> levels)
    {
        CalibrationInput.RequireNonEmpty(labels.Length, nameof(labels));
        CheckLevels(levels);
        if ((long)labels.Length * levels.Length != quantiles.Length)
        {
            throw new ArgumentException(
                $"'{nameof(quantiles)}' holds {quantiles.Length} values; expected {labels.Length} rows × {levels.Length} " +
                $"levels = {(long)labels.Length * levels.Length} (row-major).", nameof(quantiles));
        }
        RequireFinite(labels, nameof(labels));
        RequireFinite(quantiles, nameof(quantiles));
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(paramName,
                    $"'{paramName}'[{i}] is {CalibrationInput.Format(values[i])}; expected a finite number.");
            }
        }
    }

    /// <summary>How many sorted values are ≤ <paramref name="level"/> (upper bound by binary search).</summary>
    private static int CountAtMost(double[] sorted, double level)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= level)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
