using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Metrics.Calibration;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Calibration;

/// <summary>The catalog entry points on real ML.NET pipelines: the same numbers as the pure functions on the columns
/// read independently, and the NLL against ML.NET's own log-loss.</summary>
[TestClass]
public sealed class CalibrationCatalogTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void BinaryEntryPointOnLogisticRegressionEqualsThePureFunctions()
    {
        var ml = new MLContext(seed: 1);
        (IDataView train, IDataView test) = TestData.Split(ml, TestData.LoadBinary(ml, "breast_cancer_wdbc", booleanLabel: true));
        var model = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(train);
        IDataView scored = model.Transform(test);

        BinaryCalibrationMetrics metrics = ml.BinaryClassification.EvaluateCalibration(scored);

        double[] p = scored.GetColumn<float>("Probability").Select(v => (double)v).ToArray();
        bool[] y = scored.GetColumn<bool>("Label").ToArray();
        BinaryCalibrationMetrics expected = CalibrationEvaluation.Binary(p, y);
        AssertSame(expected, metrics);
        Assert.AreEqual(p.Length, metrics.ReliabilityBins.Sum(b => b.Count));
        Assert.HasCount(15, metrics.ReliabilityBins);

        // ML.NET's LogLoss is the same mean, in bits.
        CalibratedBinaryClassificationMetrics mlnet = ml.BinaryClassification.Evaluate(scored);
        Assert.AreEqual(mlnet.LogLoss, metrics.NegativeLogLikelihood / Math.Log(2), 1e-6 * Math.Max(1, mlnet.LogLoss));
        TestContext.WriteLine($"wdbc LbfgsLogisticRegression (test {p.Length} rows): ECE {metrics.ExpectedCalibrationError:F4}, " +
            $"ECE_em {metrics.ExpectedCalibrationErrorEqualMass:F4}, dECE {metrics.DebiasedExpectedCalibrationError:F4}, " +
            $"MCE {metrics.MaximumCalibrationError:F4}, Brier {metrics.BrierScore:F4}, NLL {metrics.NegativeLogLikelihood:F4}");
    }

    [TestMethod]
    public void MulticlassEntryPointOnMaximumEntropyEqualsThePureFunctions()
    {
        foreach (string name in new[] { "iris", "digits" })
        {
            var ml = new MLContext(seed: 1);
            IDataView data = LoadMulticlass(ml, name);
            (IDataView train, IDataView test) = TestData.Split(ml, data, 0.3);
            var model = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.NormalizeMinMax("Features"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Fit(train);
            IDataView scored = model.Transform(test);

            MulticlassCalibrationMetrics metrics = ml.MulticlassClassification.EvaluateCalibration(scored);

            int classes = (int)((KeyDataViewType)scored.Schema["Label"].Type).Count;
            int[] labels = scored.GetColumn<uint>("Label").Select(k => (int)k - 1).ToArray();
            double[] p = scored.GetColumn<float[]>("Score").SelectMany(row => row.Select(v => (double)v)).ToArray();
            MulticlassCalibrationMetrics expected = CalibrationEvaluation.Multiclass(p, labels, classes);
            Assert.AreEqual(classes, metrics.NumberOfClasses, name);
            Assert.AreEqual(labels.Length, metrics.RowCount, name);
            AssertSame(expected, metrics);

            // ML.NET's multiclass LogLoss is the NLL in nats (with its own clipping); its accuracy is the top-label one.
            MulticlassClassificationMetrics mlnet = ml.MulticlassClassification.Evaluate(scored);
            Assert.AreEqual(mlnet.LogLoss, metrics.NegativeLogLikelihood, 1e-5 * Math.Max(1, mlnet.LogLoss), name);
            Assert.AreEqual(mlnet.MicroAccuracy, metrics.Accuracy, 1e-12, name);
            double meanConfidence = metrics.ReliabilityBins.Where(b => b.Count > 0).Sum(b => b.Count * b.MeanConfidence) / labels.Length;
            TestContext.WriteLine($"{name} LbfgsMaximumEntropy (test {labels.Length} rows, K = {classes}): accuracy " +
                $"{metrics.Accuracy:F4}, mean confidence {meanConfidence:F4}, ECE {metrics.TopLabelExpectedCalibrationError:F4}, ECE_em " +
                $"{metrics.TopLabelExpectedCalibrationErrorEqualMass:F4}, dECE {metrics.DebiasedTopLabelExpectedCalibrationError:F4}, " +
                $"MCE {metrics.MaximumCalibrationError:F4}, CWECE_a {metrics.ClasswiseExpectedCalibrationError:F4}, CWECE_s " +
                $"{metrics.ClasswiseExpectedCalibrationErrorSum:F4}, Brier {metrics.BrierScore:F4}, NLL {metrics.NegativeLogLikelihood:F4}");
        }
    }

    [TestMethod]
    public void RegressionEntryPointsEqualThePureFunctions()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(4);
        double[] levels = [0.1, 0.5, 0.9];
        QuantileRow[] rows = Enumerable.Range(0, 500).Select(_ =>
        {
            double mu = 5 * random.NextDouble();
            double y = mu + 2 * (random.NextDouble() - 0.5);     // uniform on [μ − 1, μ + 1]
            return new QuantileRow
            {
                Label = (float)y,
                Pit = (float)((y - mu + 1) / 2),
                Quantiles = levels.Select(a => (float)(mu - 1 + 2 * a)).ToArray(),
            };
        }).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(rows);

        RegressionCalibrationMetrics pit = ml.Regression.EvaluateCalibration(data);
        double[] z = rows.Select(r => (double)r.Pit).ToArray();
        RegressionCalibrationMetrics expectedPit = CalibrationEvaluation.Pit(z);
        Assert.AreEqual(expectedPit.ProbabilisticCalibrationError, pit.ProbabilisticCalibrationError, 0);
        Assert.AreEqual(expectedPit.LevelProbabilisticCalibrationError, pit.LevelProbabilisticCalibrationError, 0);
        CollectionAssert.AreEqual(expectedPit.ObservedCoverage.ToArray(), pit.ObservedCoverage.ToArray());
        Assert.IsLessThan(0.05, pit.ProbabilisticCalibrationError, "the PITs of the true distribution are uniform");

        RegressionCalibrationMetrics quantiles = ml.Regression.EvaluateCalibration(data, levels);
        double[] y = rows.Select(r => (double)r.Label).ToArray();
        double[] q = rows.SelectMany(r => r.Quantiles.Select(v => (double)v)).ToArray();
        RegressionCalibrationMetrics expectedQ = CalibrationEvaluation.Quantiles(y, q, levels);
        Assert.AreEqual(expectedQ.ProbabilisticCalibrationError, quantiles.ProbabilisticCalibrationError, 0);
        CollectionAssert.AreEqual(expectedQ.ObservedCoverage.ToArray(), quantiles.ObservedCoverage.ToArray());
        Assert.AreEqual(expectedQ.Interval, quantiles.Interval);
        Assert.AreEqual(0.8, quantiles.Interval!.Value.NominalCoverage, 1e-12);
        Assert.AreEqual(1.6, quantiles.Interval.Value.MeanWidth, 1e-5);
    }

    internal static IDataView LoadMulticlass(MLContext ml, string name)
    {
        int features = TestData.FeatureCount(name);
        return ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Label", DataKind.Single, 0),
            new TextLoader.Column("Features", DataKind.Single, 1, features),
        ], separatorChar: ',', hasHeader: true).Load(TestData.PathOf(name));
    }

    private static void AssertSame(BinaryCalibrationMetrics expected, BinaryCalibrationMetrics actual)
    {
        Assert.AreEqual(expected.RowCount, actual.RowCount);
        double[] e = [expected.ExpectedCalibrationError, expected.ExpectedCalibrationErrorEqualMass,
            expected.DebiasedExpectedCalibrationError, expected.MaximumCalibrationError, expected.TopLabelExpectedCalibrationError,
            expected.BrierScore, expected.NegativeLogLikelihood];
        double[] a = [actual.ExpectedCalibrationError, actual.ExpectedCalibrationErrorEqualMass,
            actual.DebiasedExpectedCalibrationError, actual.MaximumCalibrationError, actual.TopLabelExpectedCalibrationError,
            actual.BrierScore, actual.NegativeLogLikelihood];
        CollectionAssert.AreEqual(e, a);
        CollectionAssert.AreEqual(expected.ReliabilityBins.ToArray(), actual.ReliabilityBins.ToArray());
    }

    private static void AssertSame(MulticlassCalibrationMetrics expected, MulticlassCalibrationMetrics actual)
    {
        double[] e = [expected.Accuracy, expected.TopLabelExpectedCalibrationError, expected.TopLabelExpectedCalibrationErrorEqualMass,
            expected.DebiasedTopLabelExpectedCalibrationError, expected.MaximumCalibrationError,
            expected.ClasswiseExpectedCalibrationError, expected.ClasswiseExpectedCalibrationErrorSum, expected.BrierScore,
            expected.NegativeLogLikelihood];
        double[] a = [actual.Accuracy, actual.TopLabelExpectedCalibrationError, actual.TopLabelExpectedCalibrationErrorEqualMass,
            actual.DebiasedTopLabelExpectedCalibrationError, actual.MaximumCalibrationError,
            actual.ClasswiseExpectedCalibrationError, actual.ClasswiseExpectedCalibrationErrorSum, actual.BrierScore,
            actual.NegativeLogLikelihood];
        CollectionAssert.AreEqual(e, a);
        CollectionAssert.AreEqual(expected.ReliabilityBins.ToArray(), actual.ReliabilityBins.ToArray());
    }

    private sealed class QuantileRow
    {
        public float Label { get; set; }

        public float Pit { get; set; }

        [VectorType(3)]
        public float[] Quantiles { get; set; } = [];
    }
}
