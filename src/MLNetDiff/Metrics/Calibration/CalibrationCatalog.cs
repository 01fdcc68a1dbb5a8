using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;
using MLNetDiff.Metrics.Calibration;

// In Microsoft.ML, like the catalog's own Evaluate: mlContext.BinaryClassification.EvaluateCalibration needs no other using.
namespace Microsoft.ML;

/// <summary>
/// Calibration metrics of scored data, one entry point per task next to ML.NET's own <c>Evaluate</c>
/// (spec calibration.md, Parts A and D). The columns are read once; the numbers are those of
/// <see cref="CalibrationEvaluation"/> on the same arrays.
/// </summary>
/// <remarks>
/// Schema problems (a missing column, a wrong type, a score vector whose size is not the label's key count) throw
/// <see cref="ArgumentOutOfRangeException"/> naming the column, the expected and the actual type; bad values (a
/// probability outside [0, 1] or NaN, a row of class probabilities not summing to 1, a missing key) throw
/// <see cref="InvalidOperationException"/> naming the column and the row.
/// </remarks>
public static class CalibrationCatalog
{
    /// <summary>Calibration of a binary classifier's probabilities: ECE (equal-width and equal-mass bins), debiased ECE,
    /// MCE and the reliability bins of P(y = 1) against y, the top-label ECE, the binary Brier score and the NLL.</summary>
    /// <param name="catalog">The binary classification catalog.</param>
    /// <param name="data">Scored data, e.g. the output of a calibrated binary trainer's <c>Transform</c>.</param>
    /// <param name="labelColumnName">Label: Boolean, or Single/Double holding 0 and 1.</param>
    /// <param name="probabilityColumnName">P(y = 1): a Single or Double scalar in [0, 1] (ML.NET's <c>Probability</c>).</param>
    /// <param name="options">Bins; null for the defaults (15 bins).</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, or an option is invalid.</exception>
    /// <exception cref="InvalidOperationException">A probability outside [0, 1] or NaN, or a numeric label other than 0 or 1
    /// (the column and row are named).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static BinaryCalibrationMetrics EvaluateCalibration(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string probabilityColumnName = "Probability", CalibrationMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = CalibrationMetricsOptions.Checked(options);
        (double[] probabilities, bool[] labels) = CalibrationColumnReader.ReadBinary(data, labelColumnName, probabilityColumnName);
        return CalibrationEvaluation.Binary(probabilities, labels, options);
    }

    /// <summary>Calibration of multiclass probability vectors: top-label ECE (equal-width and equal-mass), debiased
    /// top-label ECE, MCE and reliability bins, classwise ECE (mean and sum), the multiclass Brier score and the NLL.</summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="data">Scored data, e.g. the output of <c>LbfgsMaximumEntropy</c>'s <c>Transform</c>.</param>
    /// <param name="labelColumnName">Label: a Key with a known count K ≥ 2 (value k + 1 is class k, as for ML.NET's trainers).</param>
    /// <param name="scoreColumnName">Per-class probabilities: a known-size Single or Double vector of size K, each row
    /// summing to 1 (ML.NET's multiclass trainers write these to <c>Score</c>).</param>
    /// <param name="options">Bins and the row-sum tolerance; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (including a score vector
    /// whose size is not the key count), or an option is invalid.</exception>
    /// <exception cref="InvalidOperationException">A probability outside [0, 1] or NaN, a row not summing to 1, or a
    /// missing key (the column and row are named).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static MulticlassCalibrationMetrics EvaluateCalibration(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", CalibrationMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = CalibrationMetricsOptions.Checked(options);
        (double[] probabilities, int[] labels, int classes) =
            CalibrationColumnReader.ReadMulticlass(data, labelColumnName, scoreColumnName, options.RowSumTolerance);
        return CalibrationEvaluation.Multiclass(probabilities, labels, classes, options);
    }

    /// <summary>Probabilistic calibration of a regression model from its PIT values Z = F(y | x): the sorted-form PCE and
    /// the level form with the observed share below each of the midpoint levels.</summary>
    /// <param name="catalog">The regression catalog.</param>
    /// <param name="data">Data with a PIT column.</param>
    /// <param name="pitColumnName">The PIT values: a Single or Double scalar in [0, 1].</param>
    /// <param name="options">The number of levels of the level form; null for the defaults (100).</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of the wrong type, or an option is invalid.</exception>
    /// <exception cref="InvalidOperationException">A PIT value outside [0, 1] or NaN (the row is named).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static RegressionCalibrationMetrics EvaluateCalibration(this RegressionCatalog catalog, IDataView data,
        string pitColumnName = "Pit", CalibrationMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options = CalibrationMetricsOptions.Checked(options);
        return CalibrationEvaluation.Pit(CalibrationColumnReader.ReadPit(data, pitColumnName), options);
    }

    /// <summary>Probabilistic calibration of a quantile regression model: the level-form PCE over
    /// <paramref name="quantileLevels"/> (observed share of labels at or below each predicted quantile against its level),
    /// and the coverage and mean width of the central interval from the lowest to the highest level.</summary>
    /// <param name="catalog">The regression catalog.</param>
    /// <param name="data">Data with the label and a vector of predicted quantiles.</param>
    /// <param name="quantileLevels">The level α_j of each slot of the quantile vector, each in [0, 1].</param>
    /// <param name="labelColumnName">The observed target: a Single or Double scalar.</param>
    /// <param name="quantilesColumnName">Predicted quantiles: a known-size Single or Double vector, one slot per level.</param>
    /// <param name="options">Reserved; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (including a vector whose size
    /// is not the number of levels), a level outside [0, 1], or an invalid option.</exception>
    /// <exception cref="InvalidOperationException">A label or quantile that is NaN or infinite (the column and row are named).</exception>
    /// <exception cref="ArgumentException">No levels, or the data has no rows.</exception>
    public static RegressionCalibrationMetrics EvaluateCalibration(this RegressionCatalog catalog, IDataView data,
        IReadOnlyList<double> quantileLevels, string labelColumnName = "Label", string quantilesColumnName = "Quantiles",
        CalibrationMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(quantileLevels);
        options = CalibrationMetricsOptions.Checked(options);
        double[] levels = quantileLevels.ToArray();
        CheckLevels(levels);
        (double[] labels, double[] quantiles) =
            CalibrationColumnReader.ReadQuantiles(data, labelColumnName, quantilesColumnName, levels.Length);
        return CalibrationEvaluation.Quantiles(labels, quantiles, levels, options);
    }

    private static void CheckLevels(double[] quantileLevels)
    {
        if (quantileLevels.Length == 0)
            throw new ArgumentException("No quantile levels were given; expected one per slot of the quantile vector.", nameof(quantileLevels));
        for (int j = 0; j < quantileLevels.Length; j++)
        {
            if (!(quantileLevels[j] >= 0 && quantileLevels[j] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(quantileLevels),
                    $"Quantile level {j} is {quantileLevels[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected a level in [0, 1].");
            }
        }
    }
}
