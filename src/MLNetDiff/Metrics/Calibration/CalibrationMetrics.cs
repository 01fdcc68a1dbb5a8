using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Calibration metrics of classifiers (spec calibration.md, Part A), computed in double over plain arrays; lower is
/// better for all of them. The ML.NET entry points (<c>mlContext.BinaryClassification.EvaluateCalibration</c> and the
/// multiclass one) read the columns and call these.
/// </summary>
/// <remarks>
/// <para>The binned metrics take (confidence, outcome) pairs: for the top-label metrics the confidence is max_k p_k and the
/// outcome "the argmax was right" (<see cref="TopLabel"/>); for a binary classifier's own reliability the confidence is
/// P(y = 1) and the outcome y; for one class k of the classwise ECE, p_k and 1[y = k].</para>
/// <para>Bins: <see cref="CalibrationBinning"/>; equal-width bins are ((b − 1)/B, b/B] with the first closed at 0.
/// ECE = Σ_b (n_b/N)·|acc_b − conf_b|; MCE = max over non-empty bins of |acc_b − conf_b|.</para>
/// <para>Multiclass probabilities are row-major N×K; each row must sum to 1 within a tolerance (rows are never
/// renormalised: a row that does not sum to 1 is a sign of scores or logits, and renormalising would hide it). The
/// argmax takes the first of tied classes (numpy's convention).</para>
/// </remarks>
public static class CalibrationMetrics
{
    /// <summary>The default number of bins, 15 (Guo et al.; the h-calibration tables).</summary>
    public const int DefaultNumberOfBins = 15;

    /// <summary>Probabilities are clipped below at 10⁻¹² inside the log of the NLL, so a confident miss costs ≈ 27.6 nats
    /// rather than infinity.</summary>
    public const double ProbabilityFloor = 1e-12;

    /// <summary>How far from 1 a row of class probabilities may sum by default: 10⁻³ (float softmax outputs are within
    /// 10⁻⁶; anything further off is not a probability vector).</summary>
    public const double DefaultRowSumTolerance = 1e-3;

    /// <summary>The reliability-diagram table: all <paramref name="numberOfBins"/> bins, empty ones included.</summary>
    /// <param name="confidences">Predicted probabilities of the outcome, in [0, 1].</param>
    /// <param name="outcomes">Whether the outcome happened, one per confidence.</param>
    /// <param name="numberOfBins">B ≥ 1.</param>
    /// <param name="binning">Equal-width or equal-mass bins.</param>
    /// <exception cref="ArgumentException">Empty input or different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A confidence outside [0, 1] or NaN (the index is named), or B &lt; 1.</exception>
    public static ReliabilityBin[] ReliabilityDiagram(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes,
        int numberOfBins = DefaultNumberOfBins, CalibrationBinning binning = CalibrationBinning.EqualWidth)
    {
        CheckPairs(confidences, outcomes, numberOfBins);
        return CalibrationBins.Table(confidences, outcomes, CalibrationBins.Edges(confidences, numberOfBins, binning));
    }

    /// <summary>Expected calibration error Σ_b (n_b/N)·|acc_b − conf_b|, in [0, 1].</summary>
    /// <inheritdoc cref="ReliabilityDiagram" path="/param"/>
    /// <inheritdoc cref="ReliabilityDiagram" path="/exception"/>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes,
        int numberOfBins = DefaultNumberOfBins, CalibrationBinning binning = CalibrationBinning.EqualWidth)
        => CalibrationBins.WeightedGap(ReliabilityDiagram(confidences, outcomes, numberOfBins, binning), confidences.Length);

    /// <summary>Maximum calibration error: the largest |acc_b − conf_b| over the non-empty bins, in [0, 1].</summary>
    /// <inheritdoc cref="ReliabilityDiagram" path="/param"/>
    /// <inheritdoc cref="ReliabilityDiagram" path="/exception"/>
    public static double MaximumCalibrationError(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes,
        int numberOfBins = DefaultNumberOfBins, CalibrationBinning binning = CalibrationBinning.EqualWidth)
        => CalibrationBins.MaximumGap(ReliabilityDiagram(confidences, outcomes, numberOfBins, binning));

    /// <summary>
    /// Debiased ECE (Kumar et al. 2019): equal-count bins over the sorted confidences (cut at round(N·b/B)), the plug-in
    /// CE₁ = Σ_b w_b|ȳ_b − ē_b| and the bias correction 2·CE₁ − Σ_b w_b·E|N(m_b, s_b²)| with m_b = ȳ_b − ē_b,
    /// s_b = √(ȳ_b(1 − ȳ_b)/n_b), w_b = n_b/N, the Gaussian expectation in closed form. ≈ 0 (possibly slightly negative) for a
    /// calibrated model.
    /// </summary>
    /// <param name="confidences">Predicted probabilities of the outcome, in [0, 1].</param>
    /// <param name="outcomes">Whether the outcome happened, one per confidence.</param>
    /// <param name="numberOfBins">B ≥ 1, with at least 2 rows per bin (N ≥ 2B).</param>
    /// <exception cref="ArgumentException">Empty input, different lengths, or fewer than 2B rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A confidence outside [0, 1] or NaN, or B &lt; 1.</exception>
    public static double DebiasedExpectedCalibrationError(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes,
        int numberOfBins = DefaultNumberOfBins)
    {
        CheckPairs(confidences, outcomes, numberOfBins);
        if (confidences.Length < 2L * numberOfBins)
        {
            throw new ArgumentException(
                $"The debiased ECE needs at least 2 rows per bin: {confidences.Length} rows for {numberOfBins} bins " +
                $"(expected at least {2L * numberOfBins}); use fewer bins.", nameof(numberOfBins));
        }
        return DebiasedCalibrationError.Compute(confidences, outcomes, numberOfBins);
    }

    /// <summary>The top-label view of multiclass probabilities: conf_i = max_k p_ik and whether argmax_k p_ik = y_i (the
    /// first of tied classes).</summary>
    /// <param name="probabilities">Row-major N×K class probabilities, each row summing to 1.</param>
    /// <param name="labels">Class indices in [0, K).</param>
    /// <param name="numberOfClasses">K ≥ 2.</param>
    /// <param name="rowSumTolerance">How far from 1 a row may sum.</param>
    /// <exception cref="ArgumentException">Empty input, or not N·K probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1] or NaN, a row not summing to 1 (the
    /// row is named), a label outside [0, K), or K &lt; 2.</exception>
    public static (double[] Confidences, bool[] Correct) TopLabel(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, double rowSumTolerance = DefaultRowSumTolerance)
    {
        CheckMulticlass(probabilities, labels, numberOfClasses, rowSumTolerance);
        return TopLabelUnchecked(probabilities, labels, numberOfClasses);
    }

    /// <summary>Top-label ECE: <see cref="ExpectedCalibrationError"/> of the max probability against correctness.</summary>
    /// <param name="probabilities">Row-major N×K class probabilities, each row summing to 1.</param>
    /// <param name="labels">Class indices in [0, K).</param>
    /// <param name="numberOfClasses">K ≥ 2.</param>
    /// <param name="numberOfBins">B ≥ 1.</param>
    /// <param name="binning">Equal-width or equal-mass bins.</param>
    /// <param name="rowSumTolerance">How far from 1 a row may sum.</param>
    /// <inheritdoc cref="TopLabel" path="/exception"/>
    public static double TopLabelExpectedCalibrationError(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, int numberOfBins = DefaultNumberOfBins, CalibrationBinning binning = CalibrationBinning.EqualWidth,
        double rowSumTolerance = DefaultRowSumTolerance)
    {
        (double[] confidences, bool[] correct) = TopLabel(probabilities, labels, numberOfClasses, rowSumTolerance);
        return ExpectedCalibrationError(confidences, correct, numberOfBins, binning);
    }

    /// <summary>
    /// Classwise ECE (Kull et al. 2019): for each class k the equal-width ECE of p_ik against 1[y_i = k] over all N rows,
    /// then the mean (CWECE_a) or the sum (CWECE_s) over the K classes.
    /// </summary>
    /// <param name="probabilities">Row-major N×K class probabilities, each row summing to 1.</param>
    /// <param name="labels">Class indices in [0, K).</param>
    /// <param name="numberOfClasses">K ≥ 2.</param>
    /// <param name="numberOfBins">B ≥ 1 (the h-calibration code uses 15 for the mean and 14 for the sum).</param>
    /// <param name="aggregation">Mean or sum over classes.</param>
    /// <param name="rowSumTolerance">How far from 1 a row may sum.</param>
    /// <inheritdoc cref="TopLabel" path="/exception"/>
    public static double ClasswiseExpectedCalibrationError(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, int numberOfBins = DefaultNumberOfBins, ClasswiseAggregation aggregation = ClasswiseAggregation.Mean,
        double rowSumTolerance = DefaultRowSumTolerance)
    {
        CheckMulticlass(probabilities, labels, numberOfClasses, rowSumTolerance);
        CalibrationInput.RequireBins(numberOfBins);
        if (aggregation is not (ClasswiseAggregation.Mean or ClasswiseAggregation.Sum))
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Expected Mean or Sum.");
        return ClasswiseUnchecked(probabilities, labels, numberOfClasses, numberOfBins, aggregation);
    }

    /// <summary>Binary Brier score (1/N)·Σ(p_i − y_i)², in [0, 1]: half the 2-class value of
    /// <see cref="MulticlassBrierScore"/> (scikit-learn's <c>brier_score_loss</c> convention).</summary>
    /// <param name="probabilities">P(y = 1), in [0, 1].</param>
    /// <param name="labels">The labels, true = positive.</param>
    /// <exception cref="ArgumentException">Empty input or different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1] or NaN (the index is named).</exception>
    public static double BrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        CheckBinary(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.Length;
    }

    /// <summary>Multiclass Brier score (1/N)·Σ_i Σ_k (p_ik − 1[y_i = k])², in [0, 2].</summary>
    /// <inheritdoc cref="TopLabel" path="/param"/>
    /// <inheritdoc cref="TopLabel" path="/exception"/>
    public static double MulticlassBrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int numberOfClasses,
        double rowSumTolerance = DefaultRowSumTolerance)
    {
        CheckMulticlass(probabilities, labels, numberOfClasses, rowSumTolerance);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<double> row = probabilities.Slice(i * numberOfClasses, numberOfClasses);
            for (int k = 0; k < numberOfClasses; k++)
            {
                double d = row[k] - (k == labels[i] ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / labels.Length;
    }

    /// <summary>Binary negative log-likelihood −(1/N)·Σ ln P(y_i) in nats, P(y_i) clipped below at
    /// <see cref="ProbabilityFloor"/>. (ML.NET's <c>LogLoss</c> is the same in bits, with its own clipping.)</summary>
    /// <inheritdoc cref="BrierScore" path="/param"/>
    /// <inheritdoc cref="BrierScore" path="/exception"/>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        CheckBinary(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
            sum -= Math.Log(Math.Max(labels[i] ? probabilities[i] : 1 - probabilities[i], ProbabilityFloor));
        return sum / probabilities.Length;
    }

    /// <summary>Multiclass negative log-likelihood −(1/N)·Σ ln p_{i, y_i} in nats, clipped below at
    /// <see cref="ProbabilityFloor"/>.</summary>
    /// <inheritdoc cref="TopLabel" path="/param"/>
    /// <inheritdoc cref="TopLabel" path="/exception"/>
    public static double MulticlassNegativeLogLikelihood(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, double rowSumTolerance = DefaultRowSumTolerance)
    {
        CheckMulticlass(probabilities, labels, numberOfClasses, rowSumTolerance);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
            sum -= Math.Log(Math.Max(probabilities[i * numberOfClasses + labels[i]], ProbabilityFloor));
        return sum / labels.Length;
    }

    internal static (double[] Confidences, bool[] Correct) TopLabelUnchecked(ReadOnlySpan<double> probabilities,
        ReadOnlySpan<int> labels, int numberOfClasses)
    {
        var confidences = new double[labels.Length];
        var correct = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<double> row = probabilities.Slice(i * numberOfClasses, numberOfClasses);
            int best = 0;
            for (int k = 1; k < numberOfClasses; k++)
            {
                if (row[k] > row[best])
                    best = k;
            }
            confidences[i] = row[best];
            correct[i] = best == labels[i];
        }
        return (confidences, correct);
    }

    internal static double ClasswiseUnchecked(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels,
        int numberOfClasses, int numberOfBins, ClasswiseAggregation aggregation)
    {
        double[] edges = CalibrationBins.EqualWidthEdges(numberOfBins);
        var column = new double[labels.Length];
        var isClass = new bool[labels.Length];
        double total = 0;
        for (int k = 0; k < numberOfClasses; k++)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                column[i] = probabilities[i * numberOfClasses + k];
                isClass[i] = labels[i] == k;
            }
            total += CalibrationBins.WeightedGap(CalibrationBins.Table(column, isClass, edges), labels.Length);
        }
        return aggregation == ClasswiseAggregation.Sum ? total : total / numberOfClasses;
    }

    private static void CheckPairs(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes, int numberOfBins)
    {
        CalibrationInput.RequireNonEmpty(confidences.Length, nameof(confidences));
        CalibrationInput.RequireSameLength(confidences.Length, outcomes.Length, nameof(confidences), nameof(outcomes));
        CalibrationInput.RequireBins(numberOfBins);
        CalibrationInput.RequireProbabilities(confidences, nameof(confidences));
    }

    private static void CheckBinary(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        CalibrationInput.RequireNonEmpty(probabilities.Length, nameof(probabilities));
        CalibrationInput.RequireSameLength(probabilities.Length, labels.Length, nameof(probabilities), nameof(labels));
        CalibrationInput.RequireProbabilities(probabilities, nameof(probabilities));
    }

    private static void CheckMulticlass(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int numberOfClasses,
        double rowSumTolerance)
    {
        CalibrationInput.RequireTolerance(rowSumTolerance, nameof(rowSumTolerance));
        CalibrationInput.RequireMulticlass(probabilities, labels, numberOfClasses, rowSumTolerance, nameof(probabilities),
            nameof(labels));
    }
}
