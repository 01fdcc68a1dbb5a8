using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// All calibration metrics of one task at once, over plain arrays: what the catalog entry points
/// (<c>mlContext.*.EvaluateCalibration</c>) compute after reading the columns, and the same functions as
/// <see cref="CalibrationMetrics"/> and <see cref="ProbabilisticCalibration"/>.
/// </summary>
public static class CalibrationEvaluation
{
    /// <summary>Binary calibration metrics of probabilities P(y = 1).</summary>
    /// <param name="probabilities">P(y = 1) per row, in [0, 1].</param>
    /// <param name="labels">The labels, true = positive.</param>
    /// <param name="options">Bins and tolerances; null for the defaults.</param>
    /// <exception cref="ArgumentException">Empty input or different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1] or NaN (the index is named), or an
    /// invalid option.</exception>
    public static BinaryCalibrationMetrics Binary(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels,
        CalibrationMetricsOptions? options = null)
    {
        options = CalibrationMetricsOptions.Checked(options);
        int bins = options.NumberOfBins;
        ReliabilityBin[] table = CalibrationMetrics.ReliabilityDiagram(probabilities, labels, bins);
        var confidences = new double[probabilities.Length];
        var correct = new bool[probabilities.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            bool predictedPositive = probabilities[i] > 0.5;
            confidences[i] = predictedPositive ? probabilities[i] : 1 - probabilities[i];
            correct[i] = predictedPositive == labels[i];
        }
        return new BinaryCalibrationMetrics
        {
            RowCount = probabilities.Length,
            ExpectedCalibrationError = CalibrationBins.WeightedGap(table, probabilities.Length),
            ExpectedCalibrationErrorEqualMass = CalibrationMetrics.ExpectedCalibrationError(probabilities, labels, bins,
                CalibrationBinning.EqualMass),
            DebiasedExpectedCalibrationError = Debiased(probabilities, labels, bins),
            MaximumCalibrationError = CalibrationBins.MaximumGap(table),
            TopLabelExpectedCalibrationError = CalibrationMetrics.ExpectedCalibrationError(confidences, correct, bins),
            BrierScore = CalibrationMetrics.BrierScore(probabilities, labels),
            NegativeLogLikelihood = CalibrationMetrics.NegativeLogLikelihood(probabilities, labels),
            ReliabilityBins = table,
        };
    }

    /// <summary>Multiclass calibration metrics of class-probability rows.</summary>
    /// <param name="probabilities">Row-major N×K class probabilities, each row summing to 1 within
    /// <see cref="CalibrationMetricsOptions.RowSumTolerance"/>.</param>
    /// <param name="labels">Class indices in [0, K).</param>
    /// <param name="numberOfClasses">K ≥ 2.</param>
    /// <param name="options">Bins and tolerances; null for the defaults.</param>
    /// <exception cref="ArgumentException">Empty input, or not N·K probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1] or NaN, a row not summing to 1, a label
    /// outside [0, K) (the index or row is named), K &lt; 2, or an invalid option.</exception>
    public static MulticlassCalibrationMetrics Multiclass(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, CalibrationMetricsOptions? options = null)
    {
        options = CalibrationMetricsOptions.Checked(options);
        int bins = options.NumberOfBins;
        double tolerance = options.RowSumTolerance;
        (double[] confidences, bool[] correct) = CalibrationMetrics.TopLabel(probabilities, labels, numberOfClasses, tolerance);
        ReliabilityBin[] table = CalibrationMetrics.ReliabilityDiagram(confidences, correct, bins);
        int right = 0;
        foreach (bool c in correct)
            right += c ? 1 : 0;
        double classwiseSum = CalibrationMetrics.ClasswiseUnchecked(probabilities, labels, numberOfClasses, bins,
            ClasswiseAggregation.Sum);
        return new MulticlassCalibrationMetrics
        {
            RowCount = labels.Length,
            NumberOfClasses = numberOfClasses,
            Accuracy = right / (double)labels.Length,
            TopLabelExpectedCalibrationError = CalibrationBins.WeightedGap(table, labels.Length),
            TopLabelExpectedCalibrationErrorEqualMass = CalibrationMetrics.ExpectedCalibrationError(confidences, correct, bins,
                CalibrationBinning.EqualMass),
            DebiasedTopLabelExpectedCalibrationError = Debiased(confidences, correct, bins),
            MaximumCalibrationError = CalibrationBins.MaximumGap(table),
            ClasswiseExpectedCalibrationError = classwiseSum / numberOfClasses,
            ClasswiseExpectedCalibrationErrorSum = classwiseSum,
            BrierScore = CalibrationMetrics.MulticlassBrierScore(probabilities, labels, numberOfClasses, tolerance),
            NegativeLogLikelihood = CalibrationMetrics.MulticlassNegativeLogLikelihood(probabilities, labels, numberOfClasses,
                tolerance),
            ReliabilityBins = table,
        };
    }

    /// <summary>Probabilistic calibration of PIT values Z_i = F_i(y_i): the sorted-form PCE, and the level form at the
    /// <see cref="CalibrationMetricsOptions.NumberOfLevels"/> midpoint levels.</summary>
    /// <param name="pitValues">PIT values in [0, 1].</param>
    /// <param name="options">Levels; null for the defaults.</param>
    /// <exception cref="ArgumentException">Empty input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A PIT value outside [0, 1] or NaN (the index is named), or an invalid
    /// option.</exception>
    public static RegressionCalibrationMetrics Pit(ReadOnlySpan<double> pitValues, CalibrationMetricsOptions? options = null)
    {
        options = CalibrationMetricsOptions.Checked(options);
        double[] levels = ProbabilisticCalibration.MidpointLevels(options.NumberOfLevels);
        double pce = ProbabilisticCalibration.ProbabilisticCalibrationError(pitValues);
        double[] sorted = pitValues.ToArray();
        Array.Sort(sorted);
        var observed = new double[levels.Length];
        double levelSum = 0;
        for (int j = 0; j < levels.Length; j++)
        {
            int atMost = sorted.AsSpan().BinarySearch(new UpperBound(levels[j]));
            observed[j] = ~atMost / (double)sorted.Length;
            levelSum += Math.Abs(levels[j] - observed[j]);
        }
        return new RegressionCalibrationMetrics
        {
            RowCount = pitValues.Length,
            ProbabilisticCalibrationError = pce,
            LevelProbabilisticCalibrationError = levelSum / levels.Length,
            Levels = levels,
            ObservedCoverage = observed,
        };
    }

    /// <summary>Probabilistic calibration of a quantile model: the level-form PCE over its levels, the observed coverage
    /// per level, and the central interval from the lowest to the highest level (its coverage and mean width).</summary>
    /// <param name="labels">The observed targets y_i (finite).</param>
    /// <param name="quantiles">Row-major N×M predicted quantiles, row i holding q̂_{α_1}(x_i) … q̂_{α_M}(x_i) (finite).</param>
    /// <param name="levels">The levels α_1 … α_M, each in [0, 1].</param>
    /// <param name="options">Unused by this form today (bins and levels do not apply); null for the defaults.</param>
    /// <inheritdoc cref="ProbabilisticCalibration.QuantileCalibrationError" path="/exception"/>
    public static RegressionCalibrationMetrics Quantiles(ReadOnlySpan<double> labels, ReadOnlySpan<double> quantiles,
        ReadOnlySpan<double> levels, CalibrationMetricsOptions? options = null)
    {
        _ = CalibrationMetricsOptions.Checked(options);
        double[] observed = ProbabilisticCalibration.ObservedCoverage(labels, quantiles, levels);
        double levelSum = 0;
        for (int j = 0; j < levels.Length; j++)
            levelSum += Math.Abs(levels[j] - observed[j]);
        double pce = levelSum / levels.Length;
        return new RegressionCalibrationMetrics
        {
            RowCount = labels.Length,
            ProbabilisticCalibrationError = pce,
            LevelProbabilisticCalibrationError = pce,
            Levels = levels.ToArray(),
            ObservedCoverage = observed,
            Interval = CentralInterval(labels, quantiles, levels),
        };
    }

    private static PredictionIntervalCoverage? CentralInterval(ReadOnlySpan<double> labels, ReadOnlySpan<double> quantiles,
        ReadOnlySpan<double> levels)
    {
        int m = levels.Length, lo = 0, hi = 0;
        for (int j = 1; j < m; j++)
        {
            if (levels[j] < levels[lo])
                lo = j;
            if (levels[j] > levels[hi])
                hi = j;
        }
        if (!(levels[hi] > levels[lo]))
            return null;
        long inside = 0;
        double width = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double lower = quantiles[i * m + lo], upper = quantiles[i * m + hi];
            if (lower <= labels[i] && labels[i] <= upper)
                inside++;
            width += upper - lower;
        }
        return new PredictionIntervalCoverage(levels[lo], levels[hi], inside / (double)labels.Length, width / labels.Length);
    }

    /// <summary>The debiased ECE, or NaN where it is undefined (fewer than 2 rows per bin).</summary>
    private static double Debiased(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes, int bins)
        => confidences.Length < 2L * bins ? double.NaN : DebiasedCalibrationError.Compute(confidences, outcomes, bins);

    /// <summary>Compares as greater than every value ≤ the level, so a binary search lands after the last of them.</summary>
    private readonly struct UpperBound(double level) : IComparable<double>
    {
        public int CompareTo(double other) => level < other ? -1 : 1;
    }
}
