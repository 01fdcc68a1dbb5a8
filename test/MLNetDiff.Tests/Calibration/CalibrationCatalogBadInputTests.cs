using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Metrics.Calibration;

namespace MLNetDiff.Tests.Calibration;

/// <summary>The entry points name the column, the expected and the actual type on schema errors, and the column and the
/// row on bad values.</summary>
[TestClass]
public sealed class CalibrationCatalogBadInputTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static void Throws<T>(Action action, params string[] parts) where T : Exception
    {
        T e = Assert.ThrowsExactly<T>(action);
        foreach (string part in parts)
            Assert.Contains(part, e.Message);
    }

    [TestMethod]
    public void BinaryColumnsAreChecked()
    {
        IDataView data = _ml.Data.LoadFromEnumerable(new[]
        {
            new BinaryRow { Label = true, Probability = 0.8f, Vector = [0.1f, 0.2f], Numeric = 1 },
            new BinaryRow { Label = false, Probability = 1.5f, Vector = [0.1f, 0.2f], Numeric = 2 },
        });
        Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateCalibration(data, probabilityColumnName: "P"),
            "Could not find probability column 'P'", "Single or Double scalar");
        Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateCalibration(data, probabilityColumnName: "Vector"),
            "Schema mismatch for probability column 'Vector'", "expected a Single or Double scalar", "got Vector<Single, 2>");
        Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateCalibration(data, labelColumnName: "Text"),
            "Schema mismatch for label column 'Text'", "Boolean", "got String");
        Throws<InvalidOperationException>(() => _ml.BinaryClassification.EvaluateCalibration(data),
            "probability column 'Probability' at row 1 holds 1.5", "[0, 1]");
        Throws<InvalidOperationException>(() => _ml.BinaryClassification.EvaluateCalibration(data, "Numeric", "Numeric"),
            "label column 'Numeric' at row 1 holds 2", "expected 0 or 1");
        IDataView nan = _ml.Data.LoadFromEnumerable(new[] { new BinaryRow { Probability = float.NaN, Vector = [0, 0] } });
        Throws<InvalidOperationException>(() => _ml.BinaryClassification.EvaluateCalibration(nan), "at row 0 holds NaN");
        IDataView empty = _ml.Data.LoadFromEnumerable(Array.Empty<BinaryRow>());
        Throws<ArgumentException>(() => _ml.BinaryClassification.EvaluateCalibration(empty), "no rows");
        Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateCalibration(data,
            options: new CalibrationMetricsOptions { NumberOfBins = 0 }), "at least 1");
    }

    [TestMethod]
    public void MulticlassColumnsAreChecked()
    {
        // Keys a, b, c; "d" is not among them and maps to the missing key.
        IDataView data = ToKeys(_ml.Data.LoadFromEnumerable(new[]
        {
            new MulticlassRow { Text = "a", Score = [0.7f, 0.2f, 0.1f], Wide = [0.25f, 0.25f, 0.25f, 0.25f], Single = 0 },
            new MulticlassRow { Text = "c", Score = [0.3f, 0.3f, 0.5f], Wide = [0.25f, 0.25f, 0.25f, 0.25f], Single = 1 },
            new MulticlassRow { Text = "d", Score = [0.3f, 0.3f, 0.4f], Wide = [0.25f, 0.25f, 0.25f, 0.25f], Single = 2 },
        }));
        Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.EvaluateCalibration(data, scoreColumnName: "Wide"),
            "Schema mismatch for score column 'Wide'", "Vector<Single> of size 3", "label 'Label'", "got Vector<Single, 4>");
        Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.EvaluateCalibration(data, labelColumnName: "Single"),
            "Schema mismatch for label column 'Single'", "a Key", "MapValueToKey", "got Single");
        Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.EvaluateCalibration(data, scoreColumnName: "Scores"),
            "Could not find score column 'Scores'");
        Throws<InvalidOperationException>(() => _ml.MulticlassClassification.EvaluateCalibration(data),
            "score column 'Score' at row 1 sums to 1.1", "summing to 1");
        IDataView missingKey = _ml.Data.TakeRows(_ml.Data.SkipRows(data, 2), 1);
        Throws<InvalidOperationException>(() => _ml.MulticlassClassification.EvaluateCalibration(missingKey),
            "label column 'Label' at row 0 holds a missing key");
        IDataView outside = ToKeys(_ml.Data.LoadFromEnumerable(new[] { new MulticlassRow { Text = "b", Score = [1.2f, -0.1f, -0.1f], Wide = [0, 0, 0, 0] } }));
        Throws<InvalidOperationException>(() => _ml.MulticlassClassification.EvaluateCalibration(outside),
            "score column 'Score' at row 0 holds 1.2", "in slot 0", "[0, 1]");
        // Within the row-sum tolerance the same row is accepted.
        MulticlassCalibrationMetrics m = _ml.MulticlassClassification.EvaluateCalibration(_ml.Data.TakeRows(data, 1));
        Assert.AreEqual(1, m.RowCount);
    }

    [TestMethod]
    public void RegressionColumnsAreChecked()
    {
        IDataView data = _ml.Data.LoadFromEnumerable(new[]
        {
            new RegressionRow { Label = 1, Pit = 0.3f, Quantiles = [0, 1, 2] },
            new RegressionRow { Label = float.NaN, Pit = 1.2f, Quantiles = [0, float.PositiveInfinity, 2] },
        });
        Throws<InvalidOperationException>(() => _ml.Regression.EvaluateCalibration(data), "PIT column 'Pit' at row 1 holds 1.2");
        Throws<ArgumentOutOfRangeException>(() => _ml.Regression.EvaluateCalibration(data, "Quantiles"),
            "Schema mismatch for PIT column 'Quantiles'", "got Vector<Single, 3>");
        Throws<ArgumentOutOfRangeException>(() => _ml.Regression.EvaluateCalibration(data, [0.1, 0.9]),
            "Schema mismatch for quantiles column 'Quantiles'", "size 2", "got Vector<Single, 3>");
        Throws<ArgumentOutOfRangeException>(() => _ml.Regression.EvaluateCalibration(data, [0.1, 0.5, 1.5]),
            "Quantile level 2 is 1.5");
        Throws<ArgumentException>(() => _ml.Regression.EvaluateCalibration(data, Array.Empty<double>()), "No quantile levels");
        Throws<InvalidOperationException>(() => _ml.Regression.EvaluateCalibration(data, [0.1, 0.5, 0.9]),
            "label column 'Label' at row 1 holds NaN");
        Throws<InvalidOperationException>(() => _ml.Regression.EvaluateCalibration(data, [0.1, 0.5, 0.9], "Pit"),
            "quantiles column 'Quantiles' at row 1 holds Infinity in slot 1");
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float Probability { get; set; }

        [VectorType(2)]
        public float[] Vector { get; set; } = [];

        public float Numeric { get; set; }

        public string Text { get; set; } = "";
    }

    private IDataView ToKeys(IDataView data)
    {
        IDataView keys = _ml.Data.LoadFromEnumerable(new[] { new KeyValue { Value = "a" }, new KeyValue { Value = "b" }, new KeyValue { Value = "c" } });
        return _ml.Transforms.Conversion.MapValueToKey("Label", "Text", keyData: keys).Fit(data).Transform(data);
    }

    private sealed class KeyValue
    {
        public string Value { get; set; } = "";
    }

    private sealed class MulticlassRow
    {
        public string Text { get; set; } = "";

        [VectorType(3)]
        public float[] Score { get; set; } = [];

        [VectorType(4)]
        public float[] Wide { get; set; } = [];

        public float Single { get; set; }
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }

        public float Pit { get; set; }

        [VectorType(3)]
        public float[] Quantiles { get; set; } = [];
    }
}
