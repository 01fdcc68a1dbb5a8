using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Calibration;
using MLNetDiff.Metrics.Calibration;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Calibration;

/// <summary>Temperature scaling (spec calibration.md, Part B): the 1-D fit, and the estimator in a real pipeline.</summary>
[TestClass]
public sealed class TemperatureScalingTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Logits U(−2, 2)·2; labels drawn from softmax(β_true·z); the model reports softmax(z).</summary>
    private static (double[] P, int[] Labels) Synthetic(int seed, double trueBeta, int n = 20_000, int k = 5)
    {
        var random = new Random(seed);
        var p = new double[n * k];
        var labels = new int[n];
        var z = new double[k];
        var truth = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
                z[c] = 4 * (random.NextDouble() - 0.5);
            TemperatureFit.Apply(z, 1, p.AsSpan(i * k, k));
            TemperatureFit.Apply(z, trueBeta, truth);
            double u = random.NextDouble(), cumulative = 0;
            labels[i] = k - 1;
            for (int c = 0; c < k; c++)
            {
                cumulative += truth[c];
                if (u < cumulative)
                {
                    labels[i] = c;
                    break;
                }
            }
        }
        return (p, labels);
    }

    [TestMethod]
    public void FitRecoversTheTemperatureThatGeneratedTheLabels()
    {
        foreach (double trueBeta in new[] { 0.5, 1.0, 2.0 })
        {
            (double[] p, int[] labels) = Synthetic(12, trueBeta);
            double[] z = TemperatureFit.LogProbabilities(p);
            TemperatureFit.Result fit = TemperatureFit.Fit(z, labels, 5);
            Assert.AreEqual(trueBeta, fit.Beta, 0.06 * trueBeta, $"β_true = {trueBeta}");
            Assert.IsLessThanOrEqualTo(fit.IdentityNll, fit.Nll);
            // The optimum: zero derivative, and no lower NLL on either side.
            double f = TemperatureFit.Evaluate(z, labels, 5, fit.Beta, out double g, out double h);
            Assert.AreEqual(0, g, 1e-9);
            Assert.IsGreaterThan(0.0, h);
            Assert.IsGreaterThanOrEqualTo(f, TemperatureFit.Evaluate(z, labels, 5, fit.Beta * 1.01, out _, out _));
            Assert.IsGreaterThanOrEqualTo(f, TemperatureFit.Evaluate(z, labels, 5, fit.Beta / 1.01, out _, out _));
        }
    }

    [TestMethod]
    public void DerivativeMatchesFiniteDifferences()
    {
        (double[] p, int[] labels) = Synthetic(3, 1.5, 500);
        double[] z = TemperatureFit.LogProbabilities(p);
        foreach (double beta in new[] { 0.3, 1.0, 2.7 })
        {
            const double e = 1e-5;
            TemperatureFit.Evaluate(z, labels, 5, beta, out double g, out double h);
            double fd = (TemperatureFit.Evaluate(z, labels, 5, beta + e, out double gPlus, out _)
                - TemperatureFit.Evaluate(z, labels, 5, beta - e, out double gMinus, out _)) / (2 * e);
            Assert.AreEqual(fd, g, 1e-7, $"f′ at β = {beta}");
            Assert.AreEqual((gPlus - gMinus) / (2 * e), h, 1e-6, $"f″ at β = {beta}");
        }
    }

    [TestMethod]
    public void SeparableDataStopsAtTheLargestBetaWithoutRaisingTheNll()
    {
        // Every argmax right: the NLL keeps falling as β grows, so the fit stops at the bound.
        double[] p = [0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.25, 0.25, 0.5];
        int[] labels = [0, 1, 2];
        TemperatureFit.Result fit = TemperatureFit.Fit(TemperatureFit.LogProbabilities(p), labels, 3);
        Assert.AreEqual(TemperatureFit.MaximumBeta, fit.Beta);
        Assert.IsLessThan(fit.IdentityNll, fit.Nll);
    }

    [TestMethod]
    public void DigitsMaximumEntropyGetsCalibratedOnHeldOutData()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = CalibrationCatalogTests.LoadMulticlass(ml, "digits");
        DataOperationsCatalog.TrainTestData first = ml.Data.TrainTestSplit(data, 0.4, seed: 1);
        DataOperationsCatalog.TrainTestData second = ml.Data.TrainTestSplit(first.TestSet, 0.5, seed: 2);
        IDataView train = ml.Data.Cache(first.TrainSet), calibration = ml.Data.Cache(second.TrainSet), test = ml.Data.Cache(second.TestSet);
        var model = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.String)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(train);

        TemperatureScalingTransformer temperature = ml.MulticlassClassification.Calibrators.Temperature()
            .Fit(model.Transform(calibration));

        // Never worse than the identity on the calibration set; this model is under-confident, so T < 1.
        MulticlassCalibrationMetrics calBefore = ml.MulticlassClassification.EvaluateCalibration(model.Transform(calibration));
        MulticlassCalibrationMetrics calAfter = ml.MulticlassClassification.EvaluateCalibration(
            temperature.Transform(model.Transform(calibration)));
        Assert.IsLessThan(calBefore.NegativeLogLikelihood, calAfter.NegativeLogLikelihood);
        Assert.IsLessThan(1.0, temperature.Temperature);

        IDataView scored = model.Transform(test);
        IDataView calibrated = temperature.Transform(scored);
        MulticlassCalibrationMetrics before = ml.MulticlassClassification.EvaluateCalibration(scored);
        MulticlassCalibrationMetrics after = ml.MulticlassClassification.EvaluateCalibration(calibrated);
        Assert.IsLessThan(before.NegativeLogLikelihood, after.NegativeLogLikelihood);
        Assert.IsLessThan(before.TopLabelExpectedCalibrationError, after.TopLabelExpectedCalibrationError);
        Assert.AreEqual(before.Accuracy, after.Accuracy);

        // PredictedLabel is untouched and the argmax of the new Score agrees with it; the slot names carry over.
        uint[] predictedBefore = scored.GetColumn<uint>("PredictedLabel").ToArray();
        uint[] predictedAfter = calibrated.GetColumn<uint>("PredictedLabel").ToArray();
        CollectionAssert.AreEqual(predictedBefore, predictedAfter);
        float[][] scoresBefore = scored.GetColumn<float[]>("Score").ToArray();
        float[][] scoresAfter = calibrated.GetColumn<float[]>("Score").ToArray();
        for (int i = 0; i < scoresAfter.Length; i++)
        {
            Assert.AreEqual(ArgMax(scoresBefore[i]), ArgMax(scoresAfter[i]), $"row {i}");
            Assert.AreEqual(1.0, scoresAfter[i].Sum(v => (double)v), 1e-5, $"row {i}");
        }
        // Every annotation of Score carries over (text labels make the trainer write slot names).
        CollectionAssert.AreEqual(scored.Schema["Score"].Annotations.Schema.Select(c => $"{c.Name}:{c.Type}").ToArray(),
            calibrated.Schema["Score"].Annotations.Schema.Select(c => $"{c.Name}:{c.Type}").ToArray());
        VBuffer<ReadOnlyMemory<char>> slotsBefore = default, slotsAfter = default;
        scored.Schema["Score"].GetSlotNames(ref slotsBefore);
        calibrated.Schema["Score"].GetSlotNames(ref slotsAfter);
        CollectionAssert.AreEqual(slotsBefore.DenseValues().Select(s => s.ToString()).ToArray(),
            slotsAfter.DenseValues().Select(s => s.ToString()).ToArray());

        // ML.NET's own evaluator still reads the calibrated Score.
        MulticlassClassificationMetrics mlnetBefore = ml.MulticlassClassification.Evaluate(scored);
        MulticlassClassificationMetrics mlnetAfter = ml.MulticlassClassification.Evaluate(calibrated);
        Assert.AreEqual(mlnetBefore.MicroAccuracy, mlnetAfter.MicroAccuracy);
        Assert.IsLessThan(mlnetBefore.LogLoss, mlnetAfter.LogLoss);

        TestContext.WriteLine($"digits LbfgsMaximumEntropy, T = {temperature.Temperature:F4} (calibration {calBefore.RowCount} rows, " +
            $"test {before.RowCount}): test ECE {before.TopLabelExpectedCalibrationError:F4} → {after.TopLabelExpectedCalibrationError:F4}, " +
            $"dECE {before.DebiasedTopLabelExpectedCalibrationError:F4} → {after.DebiasedTopLabelExpectedCalibrationError:F4}, " +
            $"CWECE_a {before.ClasswiseExpectedCalibrationError:F4} → {after.ClasswiseExpectedCalibrationError:F4}, " +
            $"Brier {before.BrierScore:F4} → {after.BrierScore:F4}, NLL {before.NegativeLogLikelihood:F4} → {after.NegativeLogLikelihood:F4}, " +
            $"accuracy {before.Accuracy:F4}; calibration NLL {calBefore.NegativeLogLikelihood:F4} → {calAfter.NegativeLogLikelihood:F4}");
    }

    [TestMethod]
    public void SavedTransformerLoadsBackAndScoresTheSameInProcessAndInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        (double[] p, int[] labels) = Synthetic(5, 2, 300, 3);
        IDataView data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, labels.Length).Select(i => new ScoredRow
        {
            Label = (uint)labels[i],             // LoadFromEnumerable takes key values 0-based
            Score = p.Skip(i * 3).Take(3).Select(v => (float)v).ToArray(),
        }).ToArray());
        TemperatureScalingTransformer fitted = ml.MulticlassClassification.Calibrators.Temperature().Fit(data);
        Assert.AreEqual(0.5, fitted.Temperature, 0.15);

        using var stream = new MemoryStream();
        ml.Model.Save(fitted, data.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = ml.Model.Load(stream, out _);
        Assert.IsInstanceOfType<TemperatureScalingTransformer>(loaded);
        Assert.AreEqual(fitted.Temperature, ((TemperatureScalingTransformer)loaded).Temperature);
        float[][] a = fitted.Transform(data).GetColumn<float[]>("Score").ToArray();
        float[][] b = loaded.Transform(data).GetColumn<float[]>("Score").ToArray();
        for (int i = 0; i < a.Length; i++)
            CollectionAssert.AreEqual(a[i], b[i], $"row {i}");

        // A fresh process (the ModelHost, compiled against the real ML.NET) finds our loader and scores bit for bit the same.
        string dir = Path.Combine(Path.GetTempPath(), $"mlnd-temperature-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string modelPath = Path.Combine(dir, "model.zip"), inputPath = Path.Combine(dir, "input.idv"),
                outputPath = Path.Combine(dir, "output.idv");
            ml.Model.Save(fitted, data.Schema, modelPath);
            using (FileStream input = File.Create(inputPath))
                ml.Data.SaveAsBinary(data, input);
            ModelHostRunner.Result result = ModelHostRunner.Run(modelPath, inputPath, outputPath, TimeSpan.FromMinutes(2));
            Assert.AreEqual(0, result.ExitCode, result.StandardError);
            CollectionAssert.Contains(result.Types.Select(t => t.Type).ToArray(), typeof(TemperatureScalingTransformer).FullName);
            float[][] fresh = ml.Data.LoadFromBinary(outputPath).GetColumn<float[]>("Score").ToArray();
            Assert.HasCount(a.Length, fresh);
            for (int i = 0; i < a.Length; i++)
                CollectionAssert.AreEqual(a[i], fresh[i], $"row {i}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void CorruptedPayloadsFailWithANamedInvalidDataException()
    {
        var ml = new MLContext(seed: 1);
        (double[] p, int[] labels) = Synthetic(9, 1.5, 200, 3);
        IDataView data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, labels.Length).Select(i => new ScoredRow
        {
            Label = (uint)labels[i],
            Score = p.Skip(i * 3).Take(3).Select(v => (float)v).ToArray(),
        }).ToArray());
        TemperatureScalingTransformer fitted = ml.MulticlassClassification.Calibrators.Temperature().Fit(data);
        string dir = Path.Combine(Path.GetTempPath(), $"mlnd-temperature-bad-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string modelPath = Path.Combine(dir, "model.zip");
            ml.Model.Save(fitted, data.Schema, modelPath);
            // The payload ends with int K then double β: 0xFF over the last 8 bytes makes β NaN, over 12 also K = −1.
            foreach ((int tail, string field) in new[] { (8, "'beta'"), (12, "'numberOfClasses'") })
            {
                string bad = Path.Combine(dir, $"bad{tail}.zip");
                Assert.HasCount(1, ModelFiles.CorruptOwnPayloads(modelPath, bad, tail), $"one payload of ours, tail {tail}");
                Exception e = Assert.Throws<Exception>(() => ml.Model.Load(bad, out _));
                InvalidDataException? ours = null;
                for (Exception? x = e; x is not null; x = x.InnerException)
                    ours = x as InvalidDataException ?? ours;
                Assert.IsNotNull(ours, $"tail {tail}: {e}");
                Assert.Contains("TemperatureScalingTransformer", ours.Message);
                Assert.Contains(field, ours.Message);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ExportsToOnnxAndMatchesOnnxRuntime()
    {
#if MLND_ONNX
        var ml = new MLContext(seed: 1);
        (double[] p, int[] labels) = Synthetic(6, 0.7, 400, 3);
        IDataView data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, labels.Length).Select(i => new ScoredRow
        {
            Label = (uint)labels[i],
            Score = p.Skip(i * 3).Take(3).Select(v => (float)v).ToArray(),
        }).ToArray());
        TemperatureScalingTransformer fitted = ml.MulticlassClassification.Calibrators.Temperature().Fit(data);
        Assert.IsGreaterThan(1.0, fitted.Temperature, "over-confident scores are softened");
        // Only the Score column goes in (ONNX parity feeds float inputs); a zero probability exercises the floor.
        ScoreOnlyRow[] rows = p.Chunk(3).Select(r => new ScoreOnlyRow { Score = r.Select(v => (float)v).ToArray() })
            .Append(new ScoreOnlyRow { Score = [0f, 0.25f, 0.75f] }).ToArray();
        IDataView scores = ml.Data.LoadFromEnumerable(rows);
        byte[] onnx = Testing.Onnx.OnnxParity.Convert(ml, fitted, scores);
        string[] compared = Testing.Onnx.OnnxParity.AssertMatches(onnx, scores, fitted.Transform(scores), Tolerance.CrossRuntime, ["Score"]);
        CollectionAssert.AreEqual(new[] { "Score" }, compared);
#else
        Assert.Inconclusive($"ONNX export needs Microsoft.ML.OnnxConverter, which requires ML.NET >= 6; this build is against ML.NET {typeof(MLContext).Assembly.GetName().Version}.");
#endif
    }

    [TestMethod]
    public void BadColumnsAreNamed()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[]
        {
            new ScoredRow { Label = 1, Score = [0.7f, 0.2f, 0.1f], Wide = [0.25f, 0.25f, 0.25f, 0.25f], Plain = 1 },
            new ScoredRow { Label = 2, Score = [0.2f, 0.7f, 0.1f], Wide = [0.25f, 0.25f, 0.25f, 0.25f], Plain = 2 },
        });
        TemperatureScalingEstimator estimator = ml.MulticlassClassification.Calibrators.Temperature();
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => ml.MulticlassClassification.Calibrators.Temperature("Plain").Fit(data));
        Assert.Contains("label column 'Plain'", e.Message);
        Assert.Contains("a Key", e.Message);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => ml.MulticlassClassification.Calibrators.Temperature(scoreColumnName: "Wide").Fit(data));
        Assert.Contains("score column 'Wide'", e.Message);
        Assert.Contains("got Vector<Single, 4>", e.Message);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => estimator.Fit(ml.Data.LoadFromEnumerable(new[] { new PlainRow() })));
        Assert.Contains("label column 'Label'", e.Message);

        // Fitted on 3 classes, applied to a 4-slot score.
        TemperatureScalingTransformer fitted = estimator.Fit(data);
        IDataView wide = ml.Transforms.CopyColumns("Score", "Wide").Fit(data).Transform(data);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => fitted.Transform(wide));
        Assert.Contains("score column 'Score'", e.Message);
        Assert.Contains("Vector<Single, 3>", e.Message);
        Assert.Contains("got Vector<Single, 4>", e.Message);
    }

    private static int ArgMax(float[] row)
    {
        int best = 0;
        for (int k = 1; k < row.Length; k++)
        {
            if (row[k] > row[best])
                best = k;
        }
        return best;
    }

    private sealed class ScoredRow
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];

        [VectorType(4)]
        public float[] Wide { get; set; } = [0, 0, 0, 0];

        public float Plain { get; set; }
    }

    private sealed class ScoreOnlyRow
    {
        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    private sealed class PlainRow
    {
        public float Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [0, 0, 0];
    }
}
