using System;
using MLNetDiff.Testing.Quality;

namespace MLNetDiff.Tests.Contract;

/// <summary>The shared framework's own assertions (test/MLNetDiff.Testing): they must pass what they promise and fail
/// the rest, with messages that say why.</summary>
[TestClass]
public sealed class TestingFrameworkTests
{
    [TestMethod]
    public void Tolerance_IsAbsolutePlusRelative()
    {
        var tolerance = new Tolerance(Absolute: 1e-3, Relative: 1e-2);
        Assert.IsTrue(tolerance.Allows(0, 1e-3), "the absolute part alone near 0");
        Assert.IsFalse(tolerance.Allows(0, 2e-3));
        Assert.IsTrue(tolerance.Allows(100, 101.0009), "within 1e-3 + 1e-2 · 100");
        Assert.IsFalse(tolerance.Allows(100, 101.01));
        Assert.IsTrue(tolerance.Allows(-100, -101.0009), "relative to |expected|");
        Assert.IsTrue(Tolerance.Exact.Allows(0.1, 0.1));
        Assert.IsFalse(Tolerance.Exact.Allows(0.1, BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(0.1) + 1)));
    }

    [TestMethod]
    public void Tolerance_MatchesNaNAndInfinityOnlyWithThemselves()
    {
        Tolerance loose = new(1e6, 1);
        Assert.IsTrue(loose.Allows(double.NaN, double.NaN));
        Assert.IsFalse(loose.Allows(double.NaN, 0));
        Assert.IsFalse(loose.Allows(0, double.NaN));
        Assert.IsTrue(loose.Allows(double.PositiveInfinity, double.PositiveInfinity));
        Assert.IsFalse(loose.Allows(double.PositiveInfinity, double.NegativeInfinity));
        Assert.IsFalse(loose.Allows(double.PositiveInfinity, 1e300));
    }

    [TestMethod]
    public void Tolerance_AssertClose_NamesTheIndexAndTheBound()
    {
        var tolerance = new Tolerance(1e-6, 0);
        tolerance.AssertClose([1f, 2f], [1f, 2f], "same");
        var error = Assert.Throws<AssertFailedException>(() => tolerance.AssertClose([1f, 2f, 3f], [1f, 2f, 3.5f], "scores"));
        StringAssert.Contains(error.Message, "scores[2]");
        StringAssert.Contains(error.Message, "expected 3, got 3.5");
        Assert.Throws<AssertFailedException>(() => tolerance.AssertClose([1f], [1f, 2f], "length"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tolerance(-1, 0).Allows(0, 0));
    }

    [TestMethod]
    public void QualityRow_FollowsTheMetricsDirection()
    {
        var higher = new QualityMetric("F1", (_, _) => 0);
        var lower = new QualityMetric("LogLoss", (_, _) => 0, HigherIsBetter: false);
        // Ours 0.80 against 0.85: within a margin of 0.05, not of 0.04.
        var f1 = new QualityRow("d", higher, "ours", "base", [0.79, 0.81], [0.85, 0.85]);
        f1.AssertNoWorseThanBaseline(0.05 + 1e-12);
        Assert.Throws<AssertFailedException>(() => f1.AssertNoWorseThanBaseline(0.04));
        // A loss of 0.30 against 0.25 is worse; 0.20 is better.
        Assert.Throws<AssertFailedException>(() => new QualityRow("d", lower, "ours", "base", [0.30], [0.25]).AssertNoWorseThanBaseline(0.01));
        new QualityRow("d", lower, "ours", "base", [0.20], [0.25]).AssertNoWorseThanBaseline(0);
        // A NaN baseline makes the comparison vacuous; a NaN of ours is never "no worse".
        Assert.Throws<AssertFailedException>(() => new QualityRow("d", higher, "ours", "base", [0.9], [double.NaN]).AssertNoWorseThanBaseline(1));
        Assert.Throws<AssertFailedException>(() => new QualityRow("d", higher, "ours", "base", [double.NaN], [0.5]).AssertNoWorseThanBaseline(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => f1.AssertNoWorseThanBaseline(-0.1));
    }
}
