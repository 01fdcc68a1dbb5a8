using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>NeuralKMeans end to end (spec A10 (4)–(6), determinism, weights, streaming, Evaluate).</summary>
[TestClass]
public sealed class NeuralKMeansTrainerTests
{
    public TestContext TestContext { get; set; } = null!;

    private static (IDataView Scored, NeuralKMeansModelParameters Model, List<ClusteringTestData.Row> Rows) Fit(
        NeuralKMeansTrainer.Options options, int dataSeed, double scale = 1, int n = 400)
    {
        var ml = new MLContext(1);
        List<ClusteringTestData.Row> rows = ClusteringTestData.Blobs(4, 8, n, 0.5, 5, dataSeed);
        foreach (var row in rows)
            row.Features = row.Features.Select(v => (float)(v * scale)).ToArray();
        IDataView data = ClusteringTestData.Load(ml, rows, 8);
        var model = ml.Clustering.Trainers.NeuralKMeans(options).Fit(data);
        return (model.Transform(data), model.Model, rows);
    }

    private static NeuralKMeansTrainer.Options Options(NeuralKMeansGeometry geometry, int seed, int epochs = 50) => new()
    {
        NumberOfClusters = 4, Geometry = geometry, Seed = seed, NumberOfEpochs = epochs,
    };

    /// <summary>Spec A10 (4). The spherical rows run on raw inputs as the spec's shallow mode does (standardising gives
    /// the four pure-noise features unit variance, which on the sphere tilts rows towards the wrong direction); the
    /// standardised spherical default is measured too, with a bar below its measured ACC 0.94–0.99 and ARI 0.85–0.97 on these seeds.</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean, true, 0.97, 0.95)]
    [DataRow(NeuralKMeansGeometry.Spherical, false, 0.97, 0.95)]
    [DataRow(NeuralKMeansGeometry.Spherical, true, 0.92, 0.80)]
    public void FourBlobs_AreFound_OnFiveSeeds(NeuralKMeansGeometry geometry, bool standardize, double minAcc, double minAri)
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            var options = Options(geometry, seed);
            options.StandardizeFeatures = standardize;
            (IDataView scored, _, var rows) = Fit(options, dataSeed: 100 + seed);
            int[] truth = rows.Select(r => (int)r.Label).ToArray();
            int[] predicted = ClusteringTestData.Labels(scored);
            double acc = ClusteringTestData.Accuracy(truth, predicted, 4);
            double ari = ClusteringTestData.AdjustedRandIndex(truth, predicted);
            TestContext.WriteLine($"{geometry} standardise {standardize} seed {seed}: ACC {acc:F4}, ARI {ari:F4}");
            Assert.IsGreaterThanOrEqualTo(minAcc, acc, $"seed {seed}");
            Assert.IsGreaterThanOrEqualTo(minAri, ari, $"seed {seed}");
        }
    }

    /// <summary>Spec A10 (5): multiplying every input by c &gt; 0 leaves the labels unchanged (the standardisation divides
    /// c out; on the sphere the norm would too).</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void ScalingTheInputs_LeavesTheLabels(NeuralKMeansGeometry geometry)
    {
        (IDataView a, _, _) = Fit(Options(geometry, 3), dataSeed: 7);
        (IDataView b, _, _) = Fit(Options(geometry, 3), dataSeed: 7, scale: 8);
        CollectionAssert.AreEqual(ClusteringTestData.Labels(a), ClusteringTestData.Labels(b));
    }

    /// <summary>Spec A10 (6): one pass of mini-batches and ten passes both find the blobs.</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean, 1)]
    [DataRow(NeuralKMeansGeometry.Euclidean, 10)]
    [DataRow(NeuralKMeansGeometry.Spherical, 1)]
    [DataRow(NeuralKMeansGeometry.Spherical, 10)]
    public void OnePassAndTenPasses_BothFindTheBlobs(NeuralKMeansGeometry geometry, int epochs)
    {
        var options = Options(geometry, 2, epochs);
        options.OptimizationTolerance = 0;
        options.BatchSize = 32;
        (IDataView scored, NeuralKMeansModelParameters model, var rows) = Fit(options, dataSeed: 11);
        Assert.IsTrue(model.TrainingReport!.Epochs.All(e => e == epochs));
        double acc = ClusteringTestData.Accuracy(rows.Select(r => (int)r.Label).ToArray(), ClusteringTestData.Labels(scored), 4);
        Assert.IsGreaterThanOrEqualTo(0.95, acc);
    }

    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void SameSeed_SameModel_BitForBit(NeuralKMeansGeometry geometry)
    {
        (IDataView a, NeuralKMeansModelParameters ma, _) = Fit(Options(geometry, 9), dataSeed: 5);
        (IDataView b, NeuralKMeansModelParameters mb, _) = Fit(Options(geometry, 9), dataSeed: 5);
        CollectionAssert.AreEqual(ma.GetModelSpacePrototypes(), mb.GetModelSpacePrototypes());
        CollectionAssert.AreEqual(ClusteringTestData.Scores(a).SelectMany(s => s).ToArray(),
            ClusteringTestData.Scores(b).SelectMany(s => s).ToArray());
    }

    /// <summary>Spec C7: Evaluate's AverageDistance is the mean minimum Score, and its assignment is PredictedLabel.</summary>
    [TestMethod]
    public void Evaluate_AverageDistance_IsTheMeanMinimumScore()
    {
        var ml = new MLContext(1);
        (IDataView scored, NeuralKMeansModelParameters model, _) = Fit(Options(NeuralKMeansGeometry.Euclidean, 4), dataSeed: 21);
        ClusteringMetrics metrics = ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features");
        float[][] scores = ClusteringTestData.Scores(scored);
        double meanMin = scores.Average(s => (double)s.Min());
        TestContext.WriteLine($"AverageDistance {metrics.AverageDistance}, mean min Score {meanMin}, NMI {metrics.NormalizedMutualInformation}, DBI {metrics.DaviesBouldinIndex}");
        Assert.AreEqual(meanMin, metrics.AverageDistance, 1e-5 * meanMin);
        Assert.IsGreaterThan(0.95, metrics.NormalizedMutualInformation);
        int[] argmin = scores.Select(s => Array.IndexOf(s, s.Min())).ToArray();
        CollectionAssert.AreEqual(argmin, ClusteringTestData.Labels(scored));
        // The report's objective is the same quantity measured by the training pass (kernel distances, training rows).
        Assert.AreEqual(meanMin, model.TrainingReport!.Objective, 1e-4 * meanMin + 1e-6);
    }

    /// <summary>Rows of weight 0 (far outliers) neither pull a prototype nor shift the standardisation.</summary>
    [TestMethod]
    public void ZeroWeightOutliers_AreIgnored()
    {
        var ml = new MLContext(1);
        List<ClusteringTestData.Row> rows = ClusteringTestData.Blobs(3, 4, 300, 0.3, 5, 3);
        for (int i = 0; i < 6; i++)
            rows.Add(new ClusteringTestData.Row { Label = 3, Features = [1000f + i, -1000f, 1000f, 0f], Weight = 0f });
        IDataView data = ClusteringTestData.Load(ml, rows, 4);
        var model = ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 3, ExampleWeightColumnName = "Weight", Seed = 1,
        }).Fit(data);
        float[][] prototypes = model.Model.GetPrototypes();
        // Each prototype in input units is near a blob centre 5·e_j (never dragged towards 1000).
        foreach (float[] p in prototypes)
            Assert.IsLessThan(1.0, p.Max(v => Math.Abs(v - MathF.Round(v / 5) * 5)), string.Join(", ", p));
        int[] predicted = ClusteringTestData.Labels(model.Transform(data)).Take(300).ToArray();
        Assert.AreEqual(1.0, ClusteringTestData.Accuracy(rows.Take(300).Select(r => (int)r.Label).ToArray(), predicted, 3));
    }

    /// <summary>Data beyond the cache limit is streamed (seeded from the reservoir) and still finds the blobs.</summary>
    [TestMethod]
    public void StreamedData_FindsTheBlobs()
    {
        var options = Options(NeuralKMeansGeometry.Euclidean, 6);
        options.CacheLimitBytes = 0;
        options.InitializationSampleRows = 100;
        (IDataView scored, NeuralKMeansModelParameters model, var rows) = Fit(options, dataSeed: 13);
        Assert.IsTrue(model.TrainingReport!.Streamed);
        double acc = ClusteringTestData.Accuracy(rows.Select(r => (int)r.Label).ToArray(), ClusteringTestData.Labels(scored), 4);
        Assert.IsGreaterThanOrEqualTo(0.97, acc);
    }

    [TestMethod]
    public void Restarts_KeepTheLowestObjective()
    {
        var options = Options(NeuralKMeansGeometry.Euclidean, 8);
        options.NumberOfRestarts = 4;
        (_, NeuralKMeansModelParameters model, _) = Fit(options, dataSeed: 17);
        NeuralKMeansTrainingReport report = model.TrainingReport!;
        Assert.HasCount(4, report.Objectives);
        Assert.AreEqual(report.Objectives.Min(), report.Objective);
        Assert.AreEqual(report.Objectives.ToList().IndexOf(report.Objectives.Min()), report.BestRestart);
    }

    /// <summary>Early stopping ends a restart before the epoch budget on easy data; tolerance 0 runs every epoch.</summary>
    [TestMethod]
    public void EarlyStopping_EndsARestartOnceTheObjectiveStalls()
    {
        var options = Options(NeuralKMeansGeometry.Euclidean, 8, epochs: 40);
        (_, NeuralKMeansModelParameters early, _) = Fit(options, dataSeed: 19);
        options.OptimizationTolerance = 0;
        (_, NeuralKMeansModelParameters full, _) = Fit(options, dataSeed: 19);
        NeuralKMeansTrainingReport report = early.TrainingReport!;
        TestContext.WriteLine($"epochs with early stopping: {string.Join(", ", report.Epochs)}");
        foreach (var o in report.EpochObjectives)
            TestContext.WriteLine(string.Join(" ", o.Take(12).Select(v => v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.IsTrue(report.Epochs.All(e => e < 40));
        Assert.IsTrue(full.TrainingReport!.Epochs.All(e => e == 40));
        for (int r = 0; r < report.Epochs.Count; r++)
        {
            IReadOnlyList<double> o = report.EpochObjectives[r];
            Assert.HasCount(report.Epochs[r], o);
            Assert.IsGreaterThanOrEqualTo(2, o.Count, "the first epoch cannot be judged a stall");
            // Stopped at the first epoch whose improvement fell under tolerance × the previous objective.
            for (int e = 1; e < o.Count - 1; e++)
                Assert.IsGreaterThan(1e-4 * o[e - 1], o[e - 1] - o[e], $"restart {r}, epoch {e + 1} should have stopped it");
            Assert.IsLessThanOrEqualTo(1e-4 * o[^2], o[^2] - o[^1]);
        }
    }

    [TestMethod]
    public void Prototypes_InInputUnits_AreTheBlobCentres()
    {
        (_, NeuralKMeansModelParameters model, _) = Fit(Options(NeuralKMeansGeometry.Euclidean, 1), dataSeed: 23, n: 2000);
        float[][] prototypes = model.GetPrototypes();
        var matched = new HashSet<int>();
        foreach (float[] p in prototypes)
        {
            int blob = Array.IndexOf(p, p.Max());
            matched.Add(blob);
            for (int f = 0; f < 8; f++)
                Assert.AreEqual(f == blob ? 5.0 : 0.0, p[f], 0.1, $"prototype of blob {blob}, feature {f}");
        }
        Assert.HasCount(4, matched);
    }
}
