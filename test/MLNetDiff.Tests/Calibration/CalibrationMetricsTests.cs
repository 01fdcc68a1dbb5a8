using System;
using System.Linq;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Tests.Calibration;

/// <summary>The classification calibration metrics on the spec's vectors (calibration.md, Part A) and hand-worked cases.</summary>
[TestClass]
public sealed class CalibrationMetricsTests
{
    private const double Exact = 1e-12;

    // Spec Part A: conf = [0.95, 0.85, 0.75, 0.65, 0.55], correct = [1, 1, 0, 1, 0].
    private static readonly double[] SpecConfidences = [0.95, 0.85, 0.75, 0.65, 0.55];
    private static readonly bool[] SpecCorrect = [true, true, false, true, false];

    [TestMethod]
    public void EceMatchesTheSpecVectors()
    {
        Assert.AreEqual(0.37, CalibrationMetrics.ExpectedCalibrationError(SpecConfidences, SpecCorrect, 10), Exact);
        Assert.AreEqual(0.37, CalibrationMetrics.ExpectedCalibrationError(SpecConfidences, SpecCorrect, 15), Exact);
        Assert.AreEqual(0.37, CalibrationMetrics.ExpectedCalibrationError(SpecConfidences, SpecCorrect), Exact);
        Assert.AreEqual(0.15, CalibrationMetrics.ExpectedCalibrationError(SpecConfidences, SpecCorrect, 2), Exact);
        Assert.AreEqual(0.75, CalibrationMetrics.MaximumCalibrationError(SpecConfidences, SpecCorrect, 10), Exact);
    }

    [TestMethod]
    public void ReliabilityTableOfTheSpecVectors()
    {
        ReliabilityBin[] bins = CalibrationMetrics.ReliabilityDiagram(SpecConfidences, SpecCorrect, 2);
        Assert.HasCount(2, bins);
        Assert.AreEqual(new ReliabilityBin(0, 0.5, 0, double.NaN, double.NaN), bins[0]);
        Assert.AreEqual(0.5, bins[1].Lower);
        Assert.AreEqual(1.0, bins[1].Upper);
        Assert.AreEqual(5, bins[1].Count);
        Assert.AreEqual(0.75, bins[1].MeanConfidence, Exact);
        Assert.AreEqual(0.6, bins[1].Accuracy, Exact);
        Assert.AreEqual(-0.15, bins[1].Gap, Exact);

        ReliabilityBin[] ten = CalibrationMetrics.ReliabilityDiagram(SpecConfidences, SpecCorrect, 10);
        Assert.AreEqual(5, ten.Sum(b => b.Count));
        Assert.AreEqual(1, ten[7].Count);               // 0.75 ∈ (0.7, 0.8]
        Assert.AreEqual(0.0, ten[7].Accuracy);
        Assert.AreEqual(0, ten[0].Count);
    }

    [TestMethod]
    public void EqualWidthBinsAreLowerExclusiveUpperInclusiveWithTheFirstClosed()
    {
        // 0 and 0.5 both land in [0, 0.5]; 0.5000001 and 1 in (0.5, 1].
        double[] conf = [0, 0.5, 0.5000001, 1];
        ReliabilityBin[] bins = CalibrationMetrics.ReliabilityDiagram(conf, [false, true, true, true], 2);
        Assert.AreEqual(2, bins[0].Count);
        Assert.AreEqual(0.25, bins[0].MeanConfidence, Exact);
        Assert.AreEqual(0.5, bins[0].Accuracy, Exact);
        Assert.AreEqual(2, bins[1].Count);
        // Decimal edges: 0.3 belongs to (0.2, 0.3] with 10 bins, whatever the rounding of 0.1 + 0.2.
        ReliabilityBin[] tenths = CalibrationMetrics.ReliabilityDiagram([0.3, 0.7], [true, true], 10);
        Assert.AreEqual(1, tenths[2].Count);
        Assert.AreEqual(1, tenths[6].Count);
    }

    [TestMethod]
    public void EqualMassEdgesInterpolateTheSortedConfidencesAndKeepTheMinimum()
    {
        // Sorted [0.1, 0.2, 0.3, 0.4], B = 2: edges at positions 0, 2, 4 → 0.1, 0.3, 0.4 (position 4 > N − 1 clamps).
        double[] conf = [0.4, 0.1, 0.3, 0.2];
        bool[] outcome = [true, false, false, true];
        ReliabilityBin[] bins = CalibrationMetrics.ReliabilityDiagram(conf, outcome, 2, CalibrationBinning.EqualMass);
        Assert.AreEqual(0.1, bins[0].Lower, Exact);
        Assert.AreEqual(0.3, bins[0].Upper, Exact);
        Assert.AreEqual(0.4, bins[1].Upper, Exact);
        Assert.AreEqual(3, bins[0].Count);               // the minimum 0.1 is counted (first bin closed)
        Assert.AreEqual(1, bins[1].Count);
        // ECE = 3/4·|1/3 − 0.2| + 1/4·|1 − 0.4|.
        double expected = 0.75 * Math.Abs(1.0 / 3 - 0.2) + 0.25 * 0.6;
        Assert.AreEqual(expected, CalibrationMetrics.ExpectedCalibrationError(conf, outcome, 2, CalibrationBinning.EqualMass), Exact);
        // Fractional positions interpolate: N = 3, B = 2 → position 1.5 → 0.25 between 0.2 and 0.3.
        ReliabilityBin[] odd = CalibrationMetrics.ReliabilityDiagram([0.1, 0.2, 0.3], [true, true, true], 2, CalibrationBinning.EqualMass);
        Assert.AreEqual(0.25, odd[0].Upper, Exact);
        Assert.AreEqual(2, odd[0].Count);
    }

    [TestMethod]
    public void DebiasedEceMatchesTheGaussianCorrectionComputedByQuadrature()
    {
        // Two bins of two rows: (0.2, F), (0.2, T) | (0.8, T), (0.8, T).
        // Bin 1: ȳ = 0.5, ē = 0.2, m = 0.3, s = √(0.25/2); bin 2: ȳ = 1, ē = 0.8, m = 0.2, s = 0 → E|·| = 0.2.
        double[] conf = [0.8, 0.2, 0.8, 0.2];
        bool[] outcome = [true, false, true, true];
        double plugIn = 0.5 * 0.3 + 0.5 * 0.2;
        double correction = 0.5 * FoldedNormalMeanByQuadrature(0.3, Math.Sqrt(0.125)) + 0.5 * 0.2;
        double expected = 2 * plugIn - correction;
        Assert.AreEqual(expected, CalibrationMetrics.DebiasedExpectedCalibrationError(conf, outcome, 2), 1e-6);
        Assert.IsLessThan(plugIn, expected);
    }

    [TestMethod]
    public void DebiasedEceWithOneBinPerTwoRowsUsesRoundedCuts()
    {
        // N = 5, B = 2: cuts at round(2.5) = 2 (half to even) → bins of 2 and 3 rows, weighted 2/5 and 3/5.
        double[] conf = [0.1, 0.2, 0.6, 0.7, 0.8];
        bool[] outcome = [false, true, true, false, true];
        double m1 = 0.5 - 0.15, s1 = Math.Sqrt(0.25 / 2);
        double y2 = 2.0 / 3, m2 = y2 - 0.7, s2 = Math.Sqrt(y2 * (1 - y2) / 3);
        double plugIn = 0.4 * Math.Abs(m1) + 0.6 * Math.Abs(m2);
        double correction = 0.4 * FoldedNormalMeanByQuadrature(m1, s1) + 0.6 * FoldedNormalMeanByQuadrature(m2, s2);
        Assert.AreEqual(2 * plugIn - correction, CalibrationMetrics.DebiasedExpectedCalibrationError(conf, outcome, 2), 1e-6);
    }

    [TestMethod]
    public void BrierAndNllMatchTheSpecVector()
    {
        // p = (0.7, 0.2, 0.1), y = 0.
        double[] p = [0.7, 0.2, 0.1];
        Assert.AreEqual(0.14, CalibrationMetrics.MulticlassBrierScore(p, [0], 3), Exact);
        Assert.AreEqual(0.3566749, CalibrationMetrics.MulticlassNegativeLogLikelihood(p, [0], 3), 5e-8);
        Assert.AreEqual(-Math.Log(0.7), CalibrationMetrics.MulticlassNegativeLogLikelihood(p, [0], 3), Exact);
    }

    [TestMethod]
    public void BinaryBrierIsHalfTheTwoClassMulticlassValueAndNllAgrees()
    {
        var random = new Random(11);
        int n = 200;
        double[] p = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        bool[] y = p.Select(v => random.NextDouble() < v).ToArray();
        double[] rows = p.SelectMany(v => new[] { 1 - v, v }).ToArray();
        int[] labels = y.Select(b => b ? 1 : 0).ToArray();
        Assert.AreEqual(CalibrationMetrics.MulticlassBrierScore(rows, labels, 2) / 2, CalibrationMetrics.BrierScore(p, y), 1e-12);
        Assert.AreEqual(CalibrationMetrics.MulticlassNegativeLogLikelihood(rows, labels, 2),
            CalibrationMetrics.NegativeLogLikelihood(p, y), 1e-12);
    }

    [TestMethod]
    public void NllClipsAConfidentMissAtTheFloor()
    {
        Assert.AreEqual(-Math.Log(1e-12), CalibrationMetrics.NegativeLogLikelihood([1.0], [false]), 1e-9);
        Assert.AreEqual(-Math.Log(1e-12), CalibrationMetrics.MulticlassNegativeLogLikelihood([1.0, 0.0], [1], 2), 1e-9);
    }

    [TestMethod]
    public void TopLabelTakesTheFirstOfTiedClasses()
    {
        double[] p = [0.4, 0.4, 0.2, 0.1, 0.3, 0.6];
        (double[] conf, bool[] correct) = CalibrationMetrics.TopLabel(p, [1, 2], 3);
        CollectionAssert.AreEqual(new[] { 0.4, 0.6 }, conf);
        CollectionAssert.AreEqual(new[] { false, true }, correct);
        Assert.AreEqual(CalibrationMetrics.ExpectedCalibrationError(conf, correct),
            CalibrationMetrics.TopLabelExpectedCalibrationError(p, [1, 2], 3), 0);
    }

    [TestMethod]
    public void ClasswiseEceOfTwoClassesIsTheBinaryEceOnceOrTwice()
    {
        // Off the bin edges, class 0's bins mirror class 1's: both gaps equal the binary ECE of P(y = 1).
        var random = new Random(5);
        int n = 500;
        double[] p = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 6) * 0.999 + 0.0003).ToArray();
        bool[] y = p.Select(v => random.NextDouble() < v * v).ToArray();
        double[] rows = p.SelectMany(v => new[] { 1 - v, v }).ToArray();
        int[] labels = y.Select(b => b ? 1 : 0).ToArray();
        double binary = CalibrationMetrics.ExpectedCalibrationError(p, y, 10);
        Assert.AreEqual(binary, CalibrationMetrics.ClasswiseExpectedCalibrationError(rows, labels, 2, 10), 1e-12);
        Assert.AreEqual(2 * binary, CalibrationMetrics.ClasswiseExpectedCalibrationError(rows, labels, 2, 10,
            ClasswiseAggregation.Sum), 1e-12);
    }

    [TestMethod]
    public void ClasswiseEceByHand()
    {
        // Two rows, three classes, one bin: class k's gap = |share of label k − mean p_k|.
        double[] p = [0.6, 0.3, 0.1, 0.2, 0.2, 0.6];
        int[] y = [0, 2];
        double gaps = Math.Abs(0.5 - 0.4) + Math.Abs(0 - 0.25) + Math.Abs(0.5 - 0.35);
        Assert.AreEqual(gaps / 3, CalibrationMetrics.ClasswiseExpectedCalibrationError(p, y, 3, 1), Exact);
        Assert.AreEqual(gaps, CalibrationMetrics.ClasswiseExpectedCalibrationError(p, y, 3, 1, ClasswiseAggregation.Sum), Exact);
    }

    /// <summary>E|X| for X ~ N(m, s²) by the trapezoid rule over ±12 s (independent of the closed form under test).</summary>
    internal static double FoldedNormalMeanByQuadrature(double m, double s)
    {
        const int steps = 200_000;
        double lo = m - 12 * s, hi = m + 12 * s, h = (hi - lo) / steps, sum = 0;
        for (int i = 0; i <= steps; i++)
        {
            double x = lo + i * h;
            double density = Math.Exp(-0.5 * ((x - m) / s) * ((x - m) / s)) / (s * Math.Sqrt(2 * Math.PI));
            sum += (i == 0 || i == steps ? 0.5 : 1) * Math.Abs(x) * density;
        }
        return sum * h;
    }
}
