using System;
using System.Linq;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Tests.Calibration;

/// <summary>The regression PCE (spec calibration.md, Part D) on the spec's vectors, uniform and skewed PITs, and quantile
/// models.</summary>
[TestClass]
public sealed class ProbabilisticCalibrationTests
{
    private const double Exact = 1e-12;

    [TestMethod]
    public void PceMatchesTheSpecVectors()
    {
        double[] z = [0.1, 0.4, 0.6, 0.9];
        Assert.AreEqual(0.05, ProbabilisticCalibration.ProbabilisticCalibrationError(z), Exact);
        double[] levels = ProbabilisticCalibration.MidpointLevels(4);
        CollectionAssert.AreEqual(new[] { 0.125, 0.375, 0.625, 0.875 }, levels);
        Assert.AreEqual(0.125, ProbabilisticCalibration.ProbabilisticCalibrationErrorAtLevels(z, levels), Exact);

        RegressionCalibrationMetrics m = CalibrationEvaluation.Pit(z, new CalibrationMetricsOptions { NumberOfLevels = 4 });
        Assert.AreEqual(0.05, m.ProbabilisticCalibrationError, Exact);
        Assert.AreEqual(0.125, m.LevelProbabilisticCalibrationError, Exact);
        CollectionAssert.AreEqual(new[] { 0.25, 0.25, 0.75, 0.75 }, m.ObservedCoverage.ToArray());
        Assert.IsNull(m.Interval);
    }

    [TestMethod]
    public void LevelFormCountsPitValuesEqualToALevel()
    {
        // 1[Z ≤ α]: a PIT equal to the level counts (two of four at 0.5).
        Assert.AreEqual(0.0, ProbabilisticCalibration.ProbabilisticCalibrationErrorAtLevels([0.2, 0.5, 0.7, 0.9], [0.5]), Exact);
        RegressionCalibrationMetrics m = CalibrationEvaluation.Pit([0.25, 0.5, 0.75, 1.0],
            new CalibrationMetricsOptions { NumberOfLevels = 2 });
        CollectionAssert.AreEqual(new[] { 0.25, 0.75 }, m.ObservedCoverage.ToArray());
    }

    [TestMethod]
    public void UniformPitsHaveSmallPceAndSkewedOnesDoNot()
    {
        var random = new Random(99);
        double[] uniform = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();
        double pce = ProbabilisticCalibration.ProbabilisticCalibrationError(uniform);
        Assert.IsLessThan(0.005, pce);
        Assert.IsLessThan(0.005, CalibrationEvaluation.Pit(uniform).LevelProbabilisticCalibrationError);
        // Z² has CDF √z: the L1 area between √z and z is 1/6.
        double[] skewed = uniform.Select(z => z * z).ToArray();
        Assert.AreEqual(1.0 / 6, ProbabilisticCalibration.ProbabilisticCalibrationError(skewed), 0.005);
        Assert.AreEqual(1.0 / 6, CalibrationEvaluation.Pit(skewed).LevelProbabilisticCalibrationError, 0.005);
    }

    [TestMethod]
    public void QuantileModelOfAKnownGaussianIsCalibratedAndAShrunkOneIsNot()
    {
        // y ~ N(μ_i, 1) with the true quantiles μ_i + z_α: coverage ≈ α. Halving the spread under-covers the outer levels.
        var random = new Random(8);
        const int n = 50_000;
        double[] levels = [0.05, 0.25, 0.5, 0.75, 0.95];
        double[] z = [-1.6448536269514722, -0.6744897501960817, 0, 0.6744897501960817, 1.6448536269514722];
        double[] y = new double[n], q = new double[n * levels.Length], shrunk = new double[n * levels.Length];
        for (int i = 0; i < n; i++)
        {
            double mu = 10 * random.NextDouble();
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            y[i] = mu + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            for (int j = 0; j < levels.Length; j++)
            {
                q[i * levels.Length + j] = mu + z[j];
                shrunk[i * levels.Length + j] = mu + z[j] / 2;
            }
        }
        RegressionCalibrationMetrics good = CalibrationEvaluation.Quantiles(y, q, levels);
        RegressionCalibrationMetrics bad = CalibrationEvaluation.Quantiles(y, shrunk, levels);
        Assert.IsLessThan(0.01, good.ProbabilisticCalibrationError);
        Assert.AreEqual(good.ProbabilisticCalibrationError, good.LevelProbabilisticCalibrationError);
        Assert.AreEqual(ProbabilisticCalibration.QuantileCalibrationError(y, q, levels), good.ProbabilisticCalibrationError, 0);
        Assert.IsGreaterThan(0.05, bad.ProbabilisticCalibrationError);
        PredictionIntervalCoverage interval = good.Interval!.Value;
        Assert.AreEqual(0.05, interval.LowerLevel);
        Assert.AreEqual(0.95, interval.UpperLevel);
        Assert.AreEqual(0.9, interval.NominalCoverage, Exact);
        Assert.AreEqual(0.9, interval.Coverage, 0.01);
        Assert.AreEqual(2 * 1.6448536269514722, interval.MeanWidth, 1e-9);
        Assert.IsLessThan(0.8, bad.Interval!.Value.Coverage);
    }

    [TestMethod]
    public void QuantileLevelFormByHand()
    {
        // Two rows, levels 0.25 and 0.75: y = 1 with quantiles (0, 2) → below only the upper; y = 5 with (4, 6) → same.
        double[] levels = [0.25, 0.75];
        double[] observed = ProbabilisticCalibration.ObservedCoverage([1.0, 5.0], [0, 2, 4, 6], levels);
        CollectionAssert.AreEqual(new[] { 0.0, 1.0 }, observed);
        Assert.AreEqual(0.25, ProbabilisticCalibration.QuantileCalibrationError([1.0, 5.0], [0, 2, 4, 6], levels), Exact);
        // A label equal to its quantile counts as covered (1[y ≤ q]).
        CollectionAssert.AreEqual(new[] { 1.0, 1.0 }, ProbabilisticCalibration.ObservedCoverage([2.0], [2, 3], levels));
    }
}
