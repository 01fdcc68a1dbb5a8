using System;
using System.Linq;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Tests.Calibration;

/// <summary>Properties of the metrics on seeded synthetic data: small for calibrated models, larger for over-confident
/// ones, independent of the row order.</summary>
[TestClass]
public sealed class CalibrationPropertyTests
{
    private const int N = 100_000;

    /// <summary>p ~ U(0, 1), y ~ Bernoulli(p): calibrated by construction.</summary>
    private static (double[] P, bool[] Y) Calibrated(int seed, int n = N)
    {
        var random = new Random(seed);
        double[] p = new double[n];
        bool[] y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = random.NextDouble();
            y[i] = random.NextDouble() < p[i];
        }
        return (p, y);
    }

    private static double Sharpen(double p, double factor) => 1 / (1 + Math.Pow((1 - p) / p, factor));

    [TestMethod]
    public void CalibratedDataHasSmallEceAndNearZeroDebiasedEce()
    {
        (double[] p, bool[] y) = Calibrated(2024);
        double ece = CalibrationMetrics.ExpectedCalibrationError(p, y);
        double eceMass = CalibrationMetrics.ExpectedCalibrationError(p, y, binning: CalibrationBinning.EqualMass);
        double dece = CalibrationMetrics.DebiasedExpectedCalibrationError(p, y);
        // Sampling noise alone: about √(2/π)·√(1/6 / (N/B)) ≈ 0.004 per bin on average (Part A: O(√(B/N))).
        double scale = Math.Sqrt(15.0 / N);
        Assert.IsLessThan(scale, ece, $"ECE {ece}");
        Assert.IsLessThan(scale, eceMass, $"equal-mass ECE {eceMass}");
        Assert.IsLessThan(scale / 3, Math.Abs(dece), $"debiased ECE {dece} (plug-in {ece})");
        Assert.IsLessThan(ece, dece, "the correction lowers the plug-in estimate");
    }

    [TestMethod]
    public void AnOverconfidentPredictorHasALargerEce()
    {
        (double[] p, bool[] y) = Calibrated(7);
        double[] sharp = p.Select(v => Sharpen(v, 3)).ToArray();
        double calibrated = CalibrationMetrics.ExpectedCalibrationError(p, y);
        double overconfident = CalibrationMetrics.ExpectedCalibrationError(sharp, y);
        Assert.IsGreaterThan(10 * calibrated, overconfident, $"calibrated {calibrated}, over-confident {overconfident}");
        Assert.IsGreaterThan(10 * Math.Abs(CalibrationMetrics.DebiasedExpectedCalibrationError(p, y)),
            CalibrationMetrics.DebiasedExpectedCalibrationError(sharp, y));
        Assert.IsGreaterThan(CalibrationMetrics.MaximumCalibrationError(p, y), CalibrationMetrics.MaximumCalibrationError(sharp, y));
        Assert.IsGreaterThan(CalibrationMetrics.NegativeLogLikelihood(p, y), CalibrationMetrics.NegativeLogLikelihood(sharp, y));
        Assert.IsGreaterThan(CalibrationMetrics.BrierScore(p, y), CalibrationMetrics.BrierScore(sharp, y));
        // Over-confidence: the high-confidence bins are less often right than they claim.
        ReliabilityBin top = CalibrationMetrics.ReliabilityDiagram(sharp, y)[^1];
        Assert.IsLessThan(0.0, top.Gap, "the top bin claims more than it gets");
    }

    [TestMethod]
    public void MulticlassMetricsOfASoftmaxModelAndItsOverconfidentVersion()
    {
        // Labels drawn from the predicted distribution (calibrated), then the same logits at 1/T = 3.
        var random = new Random(3);
        const int n = 20_000, k = 4;
        double[] calibrated = new double[n * k], sharp = new double[n * k];
        int[] labels = new int[n];
        var logits = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
                logits[c] = 2 * (random.NextDouble() - 0.5) * 2;
            Softmax(logits, 1, calibrated.AsSpan(i * k, k));
            Softmax(logits, 3, sharp.AsSpan(i * k, k));
            double u = random.NextDouble(), cumulative = 0;
            labels[i] = k - 1;
            for (int c = 0; c < k; c++)
            {
                cumulative += calibrated[i * k + c];
                if (u < cumulative)
                {
                    labels[i] = c;
                    break;
                }
            }
        }
        MulticlassCalibrationMetrics good = CalibrationEvaluation.Multiclass(calibrated, labels, k);
        MulticlassCalibrationMetrics bad = CalibrationEvaluation.Multiclass(sharp, labels, k);
        Assert.IsLessThan(0.02, good.TopLabelExpectedCalibrationError);
        Assert.IsLessThan(0.02, good.ClasswiseExpectedCalibrationError);
        Assert.IsGreaterThan(5 * good.TopLabelExpectedCalibrationError, bad.TopLabelExpectedCalibrationError);
        Assert.IsGreaterThan(5 * good.ClasswiseExpectedCalibrationError, bad.ClasswiseExpectedCalibrationError);
        Assert.IsGreaterThan(good.NegativeLogLikelihood, bad.NegativeLogLikelihood);
        Assert.AreEqual(good.Accuracy, bad.Accuracy, 0, "sharpening keeps the argmax");
    }

    [TestMethod]
    public void MetricsDoNotDependOnTheRowOrder()
    {
        // Rounded confidences create ties, which the equal-count bins of the debiased ECE must not split by row order.
        var random = new Random(19);
        const int n = 3001, k = 3;
        double[] p = new double[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int a = random.Next(11), b = random.Next(11 - a);
            p[i * k] = a / 10.0;
            p[i * k + 1] = b / 10.0;
            p[i * k + 2] = (10 - a - b) / 10.0;
            labels[i] = random.Next(k);
        }
        int[] order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        double[] shuffled = order.SelectMany(i => p.Skip(i * k).Take(k)).ToArray();
        int[] shuffledLabels = order.Select(i => labels[i]).ToArray();
        MulticlassCalibrationMetrics a1 = CalibrationEvaluation.Multiclass(p, labels, k);
        MulticlassCalibrationMetrics a2 = CalibrationEvaluation.Multiclass(shuffled, shuffledLabels, k);
        const double tolerance = 1e-12;
        Assert.AreEqual(a1.TopLabelExpectedCalibrationError, a2.TopLabelExpectedCalibrationError, tolerance);
        Assert.AreEqual(a1.TopLabelExpectedCalibrationErrorEqualMass, a2.TopLabelExpectedCalibrationErrorEqualMass, tolerance);
        Assert.AreEqual(a1.DebiasedTopLabelExpectedCalibrationError, a2.DebiasedTopLabelExpectedCalibrationError, tolerance);
        Assert.AreEqual(a1.MaximumCalibrationError, a2.MaximumCalibrationError, tolerance);
        Assert.AreEqual(a1.ClasswiseExpectedCalibrationError, a2.ClasswiseExpectedCalibrationError, tolerance);
        Assert.AreEqual(a1.BrierScore, a2.BrierScore, tolerance);
        Assert.AreEqual(a1.NegativeLogLikelihood, a2.NegativeLogLikelihood, tolerance);

        double[] pit = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray();
        double[] pitShuffled = order.Select(i => pit[i]).ToArray();
        Assert.AreEqual(ProbabilisticCalibration.ProbabilisticCalibrationError(pit),
            ProbabilisticCalibration.ProbabilisticCalibrationError(pitShuffled), tolerance);
    }

    [TestMethod]
    public void EvaluationsEqualTheSingleMetrics()
    {
        (double[] p, bool[] y) = Calibrated(31, 997);
        var options = new CalibrationMetricsOptions { NumberOfBins = 12 };
        BinaryCalibrationMetrics m = CalibrationEvaluation.Binary(p, y, options);
        Assert.AreEqual(997, m.RowCount);
        // (Locals: the analyzer takes any argument named "Expected…" for the expected value.)
        double widthEce = m.ExpectedCalibrationError, massEce = m.ExpectedCalibrationErrorEqualMass;
        Assert.AreEqual(CalibrationMetrics.ExpectedCalibrationError(p, y, 12), widthEce, 0);
        Assert.AreEqual(CalibrationMetrics.ExpectedCalibrationError(p, y, 12, CalibrationBinning.EqualMass), massEce, 0);
        Assert.AreEqual(CalibrationMetrics.DebiasedExpectedCalibrationError(p, y, 12), m.DebiasedExpectedCalibrationError, 0);
        Assert.AreEqual(CalibrationMetrics.MaximumCalibrationError(p, y, 12), m.MaximumCalibrationError, 0);
        Assert.AreEqual(CalibrationMetrics.BrierScore(p, y), m.BrierScore, 0);
        Assert.AreEqual(CalibrationMetrics.NegativeLogLikelihood(p, y), m.NegativeLogLikelihood, 0);
        CollectionAssert.AreEqual(CalibrationMetrics.ReliabilityDiagram(p, y, 12), m.ReliabilityBins.ToArray());
        // Top-label view of a binary model = the 2-class multiclass top-label ECE (p = 0.5 predicted negative, class 0).
        double[] rows = p.SelectMany(v => new[] { 1 - v, v }).ToArray();
        int[] labels = y.Select(b => b ? 1 : 0).ToArray();
        Assert.AreEqual(CalibrationMetrics.TopLabelExpectedCalibrationError(rows, labels, 2, 12),
            m.TopLabelExpectedCalibrationError, 1e-12);
        // Too few rows per bin for the debiased ECE: NaN in the evaluation, an error from the function.
        Assert.IsTrue(double.IsNaN(CalibrationEvaluation.Binary(p.AsSpan(0, 20), y.AsSpan(0, 20)).DebiasedExpectedCalibrationError));
    }

    private static void Softmax(double[] logits, double beta, Span<double> output)
    {
        double max = logits.Max(), sum = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            output[c] = Math.Exp(beta * (logits[c] - max));
            sum += output[c];
        }
        for (int c = 0; c < logits.Length; c++)
            output[c] /= sum;
    }
}
