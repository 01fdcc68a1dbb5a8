using System;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Tests.Calibration;

/// <summary>Bad input to the pure metrics fails with an exception naming the argument and the index or row.</summary>
[TestClass]
public sealed class CalibrationBadInputTests
{
    private static void Throws<T>(Action action, params string[] parts) where T : Exception
    {
        T e = Assert.ThrowsExactly<T>(action);
        foreach (string part in parts)
            Assert.Contains(part, e.Message);
    }

    [TestMethod]
    public void EmptyInputIsRejected()
    {
        Throws<ArgumentException>(() => CalibrationMetrics.ExpectedCalibrationError([], []), "'confidences' is empty");
        Throws<ArgumentException>(() => CalibrationMetrics.BrierScore([], []), "'probabilities' is empty");
        Throws<ArgumentException>(() => CalibrationMetrics.MulticlassBrierScore([], [], 3), "'labels' is empty");
        Throws<ArgumentException>(() => ProbabilisticCalibration.ProbabilisticCalibrationError([]), "'pitValues' is empty");
        Throws<ArgumentException>(() => ProbabilisticCalibration.ProbabilisticCalibrationErrorAtLevels([0.5], []), "'levels' is empty");
    }

    [TestMethod]
    public void LengthMismatchIsRejected()
    {
        Throws<ArgumentException>(() => CalibrationMetrics.ExpectedCalibrationError([0.5, 0.6], [true]), "'outcomes' holds 1", "'confidences' holds 2");
        Throws<ArgumentException>(() => CalibrationMetrics.NegativeLogLikelihood([0.5], [true, false]), "'labels' holds 2");
        Throws<ArgumentException>(() => CalibrationMetrics.MulticlassNegativeLogLikelihood([0.5, 0.5, 1], [0, 1], 2),
            "'probabilities' holds 3", "2 rows × 2 classes = 4");
        Throws<ArgumentException>(() => ProbabilisticCalibration.QuantileCalibrationError([1.0], [1, 2, 3], [0.1, 0.9]),
            "'quantiles' holds 3", "1 rows × 2 levels = 2");
    }

    [TestMethod]
    public void ProbabilitiesOutsideTheUnitIntervalOrNaNNameTheIndex()
    {
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.ExpectedCalibrationError([0.5, 0.2, 1.5], [true, true, true]),
            "'confidences'[2] is 1.5", "[0, 1]");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.BrierScore([double.NaN], [true]), "'probabilities'[0] is NaN");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.NegativeLogLikelihood([-0.1], [false]), "'probabilities'[0] is -0.1");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.MulticlassBrierScore([0.5, 0.5, 1.2, -0.2], [0, 1], 2),
            "'probabilities'[2] is 1.2");
        Throws<ArgumentOutOfRangeException>(() => ProbabilisticCalibration.ProbabilisticCalibrationError([0.5, 1.01]),
            "'pitValues'[1] is 1.01");
        Throws<ArgumentOutOfRangeException>(() => ProbabilisticCalibration.ProbabilisticCalibrationErrorAtLevels([0.5], [2.0]),
            "'levels'[0] is 2");
        Throws<ArgumentOutOfRangeException>(() => ProbabilisticCalibration.QuantileCalibrationError([double.PositiveInfinity], [1], [0.5]),
            "'labels'[0] is Infinity", "finite");
        Throws<ArgumentOutOfRangeException>(() => ProbabilisticCalibration.QuantileCalibrationError([1.0], [double.NaN], [0.5]),
            "'quantiles'[0] is NaN");
    }

    [TestMethod]
    public void RowsNotSummingToOneNameTheRow()
    {
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.TopLabel([0.5, 0.5, 0.6, 0.6], [0, 1], 2),
            "Row 1 of 'probabilities' sums to 1.2", "softmax");
        // Within the tolerance is accepted, and the tolerance can be widened.
        _ = CalibrationMetrics.TopLabel([0.5, 0.5, 0.6, 0.4005], [0, 1], 2);
        _ = CalibrationMetrics.TopLabel([0.5, 0.5, 0.6, 0.6], [0, 1], 2, rowSumTolerance: 0.25);
        Throws<ArgumentOutOfRangeException>(() => CalibrationEvaluation.Multiclass([0.5, 0.5, 0.6, 0.405], [0, 1], 2), "Row 1");
    }

    [TestMethod]
    public void LabelsOutOfRangeAndBadCountsAreRejected()
    {
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.MulticlassBrierScore([0.5, 0.5, 1, 0], [0, 2], 2),
            "'labels'[1] is 2", "[0, 1]");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.MulticlassBrierScore([1.0], [-1], 1), "at least 2 classes");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.ExpectedCalibrationError([0.5], [true], 0), "at least 1");
        Throws<ArgumentOutOfRangeException>(() => CalibrationMetrics.ClasswiseExpectedCalibrationError([0.5, 0.5], [0], 2, 0), "at least 1");
        Throws<ArgumentException>(() => CalibrationMetrics.DebiasedExpectedCalibrationError([0.1, 0.2, 0.3], [true, false, true], 2),
            "3 rows for 2 bins", "at least 4");
        Throws<ArgumentOutOfRangeException>(() => ProbabilisticCalibration.MidpointLevels(0), "at least 1");
    }

    [TestMethod]
    public void InvalidOptionsAreNamed()
    {
        ArgumentOutOfRangeException e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => CalibrationEvaluation.Binary([0.5], [true], new CalibrationMetricsOptions { NumberOfBins = 0 }));
        Assert.AreEqual("NumberOfBins", e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => CalibrationEvaluation.Pit([0.5], new CalibrationMetricsOptions { NumberOfLevels = -1 }));
        Assert.AreEqual("NumberOfLevels", e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => CalibrationEvaluation.Multiclass([0.5, 0.5], [0], 2, new CalibrationMetricsOptions { RowSumTolerance = double.NaN }));
        Assert.AreEqual("RowSumTolerance", e.ParamName);
    }
}
