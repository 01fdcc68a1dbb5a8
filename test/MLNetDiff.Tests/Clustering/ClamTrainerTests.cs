using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;
using MLNetDiff.Clustering.Clam;

namespace MLNetDiff.Tests.Clustering;

/// <summary>The Clam trainer end to end (spec B9 (5), (7), C7): blobs, Evaluate, determinism, weights, restarts, early
/// stopping, save/load, and the inference map against the ClAM dynamics code.</summary>
[TestClass]
public sealed class ClamTrainerTests
{
    public TestContext TestContext { get; set; } = null!;

    private static ClamTrainer.Options Options(int k, int seed) => new() { NumberOfClusters = k, Seed = seed };

    private static (IDataView Scored, ClamModelParameters Model, List<ClusteringTestData.Row> Rows, IDataView Data) Fit(
        ClamTrainer.Options options, List<ClusteringTestData.Row> rows, int d)
    {
        var ml = new MLContext(1);
        IDataView data = ClusteringTestData.Load(ml, rows, d);
        var model = ml.Clustering.Trainers.Clam(options).Fit(data);
        return (model.Transform(data), model.Model, rows, data);
    }

    /// <summary>Spec B9 (5): three well-separated blobs (centres 5·e_j, σ 0.5: ≥ 10σ apart), best of 5 restarts, ARI ≥
    /// 0.95, on three data seeds; and B9 (7): labels in [0, K), K finite scores per row.</summary>
    [TestMethod]
    public void Blobs_AreFound_WithAriAtLeast095()
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var rows = ClusteringTestData.Blobs(3, 6, 300, 0.5, 5, 200 + seed);
            (IDataView scored, _, _, _) = Fit(Options(3, seed), rows, 6);
            int[] truth = rows.Select(r => (int)r.Label).ToArray();
            int[] predicted = ClusteringTestData.Labels(scored);
            double ari = ClusteringTestData.AdjustedRandIndex(truth, predicted);
            TestContext.WriteLine($"seed {seed}: ARI {ari:F4}");
            Assert.IsGreaterThanOrEqualTo(0.95, ari, $"seed {seed}");
            Assert.IsTrue(predicted.All(c => c is >= 0 and < 3));
            Assert.IsTrue(ClusteringTestData.Scores(scored).All(s => s.Length == 3 && s.All(float.IsFinite)));
        }
    }

    /// <summary>Spec C7: Evaluate's AverageDistance is the mean minimum Score and its assignment is PredictedLabel.</summary>
    [TestMethod]
    public void Evaluate_AverageDistance_IsTheMeanMinimumScore()
    {
        var ml = new MLContext(1);
        (IDataView scored, _, _, _) = Fit(Options(4, 4), ClusteringTestData.Blobs(4, 8, 400, 0.5, 5, 21), 8);
        ClusteringMetrics metrics = ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features");
        float[][] scores = ClusteringTestData.Scores(scored);
        double meanMin = scores.Average(s => (double)s.Min());
        TestContext.WriteLine($"AverageDistance {metrics.AverageDistance}, mean min Score {meanMin}, NMI {metrics.NormalizedMutualInformation}, DBI {metrics.DaviesBouldinIndex}");
        Assert.AreEqual(meanMin, metrics.AverageDistance, 1e-5 * meanMin);
        Assert.IsGreaterThan(0.95, metrics.NormalizedMutualInformation);
        Assert.IsTrue(double.IsFinite(metrics.DaviesBouldinIndex) && metrics.DaviesBouldinIndex > 0);
        int[] argmin = scores.Select(s => Array.IndexOf(s, s.Min())).ToArray();
        CollectionAssert.AreEqual(argmin, ClusteringTestData.Labels(scored));
    }

    [TestMethod]
    public void SameSeed_SameModel_BitForBit_AnotherSeedAnotherFit()
    {
        var rows = ClusteringTestData.Blobs(3, 5, 200, 0.8, 3, 5);
        (IDataView a, ClamModelParameters ma, _, _) = Fit(Options(3, 9), rows, 5);
        (IDataView b, ClamModelParameters mb, _, _) = Fit(Options(3, 9), rows, 5);
        (_, ClamModelParameters mc, _, _) = Fit(Options(3, 10), rows, 5);
        CollectionAssert.AreEqual(ma.GetModelSpacePrototypes(), mb.GetModelSpacePrototypes());
        CollectionAssert.AreEqual(ClusteringTestData.Scores(a).SelectMany(s => s).ToArray(),
            ClusteringTestData.Scores(b).SelectMany(s => s).ToArray());
        CollectionAssert.AreNotEqual(ma.TrainingReport!.TrainingLosses.ToArray(), mc.TrainingReport!.TrainingLosses.ToArray());
    }

    /// <summary>A weight-2 row counts as the row twice: the standardisation is the duplicated data's, and the fit finds
    /// the same clusters (the batch orders differ with the row count, so the trajectories and prototypes differ, by up to
    /// 0.4 input units here; the fit loop's own test holds weight 2 = duplicated exactly for given prototypes and order).</summary>
    [TestMethod]
    public void WeightTwo_IsTheRowDuplicated()
    {
        var rows = ClusteringTestData.Blobs(3, 4, 240, 0.6, 4, 41);
        var weighted = rows.Select((r, i) => new ClusteringTestData.Row { Label = r.Label, Features = r.Features, Weight = i % 3 == 0 ? 2f : 1f }).ToList();
        var duplicated = rows.Concat(rows.Where((_, i) => i % 3 == 0)).Select(r => new ClusteringTestData.Row { Label = r.Label, Features = r.Features }).ToList();
        var options = Options(3, 2);
        options.RestartSelection = ClamRestartSelection.UnmaskedLoss; // weighted; the silhouette is not
        options.ExampleWeightColumnName = "Weight";
        (IDataView sw, ClamModelParameters mw, _, _) = Fit(options, weighted, 4);
        (IDataView sd, ClamModelParameters md, _, _) = Fit(options, duplicated, 4);
        for (int f = 0; f < 4; f++)
        {
            Assert.AreEqual(md.Model.Mean[f], mw.Model.Mean[f], 1e-5, $"mean {f}");
            Assert.AreEqual(md.Model.Scale[f], mw.Model.Scale[f], 1e-5 * md.Model.Scale[f], $"scale {f}");
        }
        int[] lw = ClusteringTestData.Labels(sw), ld = ClusteringTestData.Labels(sd).Take(rows.Count).ToArray();
        Assert.AreEqual(1.0, ClusteringTestData.AdjustedRandIndex(lw, ld), 1e-12);
        // Both fits put one prototype on each blob's feature.
        int[] Blobs(ClamModelParameters m) => m.GetPrototypes().Select(p => Array.IndexOf(p, p.Max())).OrderBy(b => b).ToArray();
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Blobs(mw));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Blobs(md));
    }

    /// <summary>Rows of weight 0 (far outliers) neither pull a prototype nor shift the standardisation.</summary>
    [TestMethod]
    public void ZeroWeightOutliers_AreIgnored()
    {
        var rows = ClusteringTestData.Blobs(3, 4, 300, 0.3, 5, 3);
        var clean = rows.ToList();
        for (int i = 0; i < 6; i++)
            rows.Add(new ClusteringTestData.Row { Label = 3, Features = [1000f + i, -1000f, 1000f, 0f], Weight = 0f });
        var options = Options(3, 1);
        options.ExampleWeightColumnName = "Weight";
        (IDataView scored, ClamModelParameters model, _, _) = Fit(options, rows, 4);
        (_, ClamModelParameters reference, _, _) = Fit(Options(3, 1), clean, 4);
        for (int f = 0; f < 4; f++)
            Assert.AreEqual(reference.Model.Mean[f], model.Model.Mean[f], 1e-4, $"mean {f}");
        foreach (float[] p in model.GetPrototypes())
            Assert.IsLessThan(1000.0, p.Max(v => Math.Abs((double)v)), string.Join(", ", p));
        int[] predicted = ClusteringTestData.Labels(scored).Take(300).ToArray();
        Assert.AreEqual(1.0, ClusteringTestData.Accuracy(clean.Select(r => (int)r.Label).ToArray(), predicted, 3));
    }

    /// <summary>Each criterion keeps the restart it prefers, and the report records all three per restart.</summary>
    [TestMethod]
    [DataRow(ClamRestartSelection.Silhouette)]
    [DataRow(ClamRestartSelection.UnmaskedLoss)]
    [DataRow(ClamRestartSelection.TrainingLoss)]
    public void Restarts_KeepTheSelectionsFavourite(ClamRestartSelection selection)
    {
        var options = Options(4, 8);
        options.NumberOfRestarts = 4;
        options.NumberOfEpochs = 30;
        options.RestartSelection = selection;
        (_, ClamModelParameters model, _, _) = Fit(options, ClusteringTestData.Blobs(4, 5, 200, 1.5, 3, 17), 5);
        ClamTrainingReport report = model.TrainingReport!;
        Assert.AreEqual(selection, report.Selection);
        Assert.HasCount(4, report.UnmaskedLosses);
        IReadOnlyList<double> values = selection switch
        {
            ClamRestartSelection.Silhouette => report.Silhouettes.Select(s => -s).ToList(),
            ClamRestartSelection.UnmaskedLoss => report.UnmaskedLosses,
            _ => report.TrainingLosses,
        };
        Assert.AreEqual(values.ToList().IndexOf(values.Min()), report.BestRestart);
        Assert.AreEqual(selection == ClamRestartSelection.Silhouette, report.Silhouettes.All(double.IsFinite));
        Assert.IsTrue(report.TrainingLosses.All(double.IsFinite) && report.UnmaskedLosses.All(v => v >= 0));
    }

    /// <summary>Early stopping on the objective: with a patience, a restart ends that many epochs after its best one.</summary>
    [TestMethod]
    public void EarlyStopping_EndsARestartAfterPatienceEpochsWithoutANewBest()
    {
        var options = Options(3, 3);
        options.NumberOfRestarts = 2;
        options.EarlyStoppingPatience = 3;
        (_, ClamModelParameters model, _, _) = Fit(options, ClusteringTestData.Blobs(3, 4, 150, 0.5, 5, 9), 4);
        ClamTrainingReport report = model.TrainingReport!;
        TestContext.WriteLine($"epochs {string.Join(", ", report.Epochs)}, best {string.Join(", ", report.BestEpochs)}");
        for (int r = 0; r < 2; r++)
        {
            Assert.IsLessThan(200, report.Epochs[r], $"restart {r} stopped early");
            Assert.AreEqual(report.BestEpochs[r] + 3, report.Epochs[r]);
            IReadOnlyList<double> losses = report.EpochLosses[r];
            Assert.AreEqual(losses.Min(), losses[report.BestEpochs[r] - 1]);
        }
    }

    /// <summary>Multiplying every input by c &gt; 0 leaves the labels unchanged under both standardisations (they divide c
    /// out); SingleScale keeps one common s = 1/√(mean variance) and the per-feature means; StandardizeFeatures is the
    /// shorthand for PerFeature / None.</summary>
    [TestMethod]
    [DataRow(ClamStandardization.PerFeature)]
    [DataRow(ClamStandardization.SingleScale)]
    public void ScalingTheInputs_LeavesTheLabels(ClamStandardization standardization)
    {
        var rows = ClusteringTestData.Blobs(3, 4, 150, 0.8, 3, 7);
        var scaled = rows.Select(r => new ClusteringTestData.Row { Label = r.Label, Features = r.Features.Select(v => v * 8f).ToArray() }).ToList();
        var options = Options(3, 3);
        options.NumberOfEpochs = 40;
        options.Standardization = standardization;
        (IDataView a, ClamModelParameters ma, _, _) = Fit(options, rows, 4);
        (IDataView b, _, _, _) = Fit(options, scaled, 4);
        CollectionAssert.AreEqual(ClusteringTestData.Labels(a), ClusteringTestData.Labels(b));
        if (standardization != ClamStandardization.SingleScale)
            return;
        double variance = 0;
        for (int f = 0; f < 4; f++)
        {
            double mean = rows.Average(r => (double)r.Features[f]);
            Assert.AreEqual(mean, ma.Model.Mean[f], 1e-5, $"mean {f}");
            variance += rows.Average(r => Math.Pow(r.Features[f] - mean, 2)) / 4;
        }
        for (int f = 0; f < 4; f++)
            Assert.AreEqual(1 / Math.Sqrt(variance), ma.Model.Scale[f], 1e-5, $"one common scale, feature {f}");
        var shorthand = new ClamTrainer.Options { StandardizeFeatures = false };
        Assert.AreEqual(ClamStandardization.None, shorthand.Standardization);
        shorthand.StandardizeFeatures = true;
        Assert.AreEqual(ClamStandardization.PerFeature, shorthand.Standardization);
    }

    /// <summary>Saved and loaded (in process; the contract case does it in a fresh one), the model scores the same bits
    /// and keeps β, α, T.</summary>
    [TestMethod]
    public void SaveAndLoad_GivesIdenticalScores()
    {
        var ml = new MLContext(1);
        var options = Options(3, 5);
        options.Beta = 2.5;
        options.Alpha = 0.3;
        options.Steps = 7;
        options.NumberOfEpochs = 20;
        IDataView data = ClusteringTestData.Load(ml, ClusteringTestData.Blobs(3, 4, 150, 1.0, 3, 12), 4);
        var model = ml.Clustering.Trainers.Clam(options).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        ITransformer loaded = ml.Model.Load(file, out _);
        CollectionAssert.AreEqual(ClusteringTestData.Scores(model.Transform(data)).SelectMany(s => s).ToArray(),
            ClusteringTestData.Scores(loaded.Transform(data)).SelectMany(s => s).ToArray());
        var parameters = (ClamModelParameters)((IPredictionTransformer<object>)loaded).Model;
        Assert.AreEqual(2.5, parameters.Beta);
        Assert.AreEqual(0.3, parameters.Alpha);
        Assert.AreEqual(7, parameters.Steps);
        Assert.IsNull(parameters.TrainingReport);
        CollectionAssert.AreEqual(model.Model.GetModelSpacePrototypes(), parameters.GetModelSpacePrototypes());
    }

    /// <summary>The model's inference map (per row, in the ONNX graph's order) gives ClamDynamics' labels and, within
    /// float rounding, its scores (the batched kernels of the fit code, spec B5).</summary>
    [TestMethod]
    public void InferenceMap_AgreesWithTheDynamicsCode()
    {
        (_, ClamModelParameters model, var rows, _) = Fit(Options(4, 6), ClusteringTestData.Blobs(4, 6, 200, 1.5, 3, 33), 6);
        int n = rows.Count, d = 6, k = 4;
        var z = new float[n * d];
        for (int r = 0; r < n; r++)
            PrototypeModel.Standardize(rows[r].Features, model.Model.Mean, model.Model.Scale, z.AsSpan(r * d, d));
        float[] prototypes = model.GetModelSpacePrototypes();
        var labels = new int[n];
        var expected = new float[n * k];
        ClamInference.Predict<float>(prototypes, k, z, n, d, model.Steps, model.Beta, model.Alpha, labels, expected);
        var actual = new float[n * k];
        model.Score(rows.SelectMany(r => r.Features).ToArray(), n, actual);
        double largest = expected.Max();
        for (int i = 0; i < actual.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-5 * largest, $"row {i / k}, cluster {i % k}");
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<float> s = actual.AsSpan(r * k, k);
            int argmin = s.IndexOf(TensorMin(s));
            Assert.AreEqual(labels[r], argmin, $"row {r}");
        }
    }

    private static float TensorMin(ReadOnlySpan<float> s)
    {
        float min = s[0];
        foreach (float v in s)
            min = Math.Min(min, v);
        return min;
    }
}
