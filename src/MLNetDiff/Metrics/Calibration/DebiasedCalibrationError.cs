using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Kumar et al.'s (2019) debiased calibration error with equal-count bins and the Gaussian correction in closed form
/// (spec calibration.md, Part A). Inputs are checked by <see cref="CalibrationMetrics"/>.
/// </summary>
internal static class DebiasedCalibrationError
{
    /// <summary>2·CE₁ − Σ_b w_b·E|N(m_b, s_b²)|, w_b = n_b/N, m_b = ȳ_b − ē_b, s_b = √(ȳ_b(1 − ȳ_b)/n_b).</summary>
    /// <remarks>
    /// Bins are the confidence-sorted rows cut at round(N·b/B) (round half to even, as Python's <c>round</c>); ties in
    /// confidence are ordered by outcome so that the value does not depend on the row order. The correction term is the
    /// expectation of the plug-in estimate under the label noise, so it is weighted like CE₁ (Kumar et al.'s code estimates
    /// the same expectation by resampling); with equal-count bins the weights are 1/B whenever B divides N, which is the
    /// spec's unweighted bin mean.
    /// </remarks>
    public static double Compute(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes, int numberOfBins)
    {
        int n = confidences.Length;
        var order = new (double Confidence, bool Outcome)[n];
        for (int i = 0; i < n; i++)
            order[i] = (confidences[i], outcomes[i]);
        Array.Sort(order, (a, b) => a.Confidence != b.Confidence
            ? a.Confidence.CompareTo(b.Confidence)
            : a.Outcome.CompareTo(b.Outcome));

        double plugIn = 0, bias = 0;
        int start = 0;
        for (int b = 0; b < numberOfBins; b++)
        {
            int end = (int)Math.Round((double)n * (b + 1) / numberOfBins, MidpointRounding.ToEven);
            int count = end - start;
            double confidenceSum = 0, outcomeSum = 0;
            for (int i = start; i < end; i++)
            {
                confidenceSum += order[i].Confidence;
                if (order[i].Outcome)
                    outcomeSum++;
            }
            double accuracy = outcomeSum / count, confidence = confidenceSum / count;
            double gap = accuracy - confidence;
            double sd = Math.Sqrt(accuracy * (1 - accuracy) / count);
            double weight = count / (double)n;
            plugIn += weight * Math.Abs(gap);
            bias += weight * FoldedNormalMean(gap, sd);
            start = end;
        }
        return 2 * plugIn - bias;
    }

    /// <summary>E|X| for X ~ N(m, s²): s·√(2/π)·exp(−m²/(2s²)) + m·(1 − 2Φ(−m/s)); |m| when s = 0.</summary>
    public static double FoldedNormalMean(double m, double s)
    {
        if (s == 0)
            return Math.Abs(m);
        double z = m / s;
        return s * Math.Sqrt(2 / Math.PI) * Math.Exp(-0.5 * z * z) + m * (1 - 2 * StandardNormalCdf(-z));
    }

    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double StandardNormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>The complementary error function by the Chebyshev fit of Numerical Recipes (<c>erfcc</c>): fractional error
    /// below 1.2·10⁻⁷ everywhere, ample for a calibration metric (.NET has no <c>Math.Erfc</c>).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.Exp(poly);
        return x >= 0 ? r : 2 - r;
    }
}
