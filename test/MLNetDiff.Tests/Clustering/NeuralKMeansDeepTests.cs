using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Deep NeuralKMeans (TELL's autoencoder front, spec A3–A5): blobs found in the latent space, determinism,
/// save/load, prototype reconstructions, the integrated-gradient explanation's sum, named option errors.</summary>
[TestClass]
public sealed class NeuralKMeansDeepTests
{
    public TestContext TestContext { get; set; } = null!;

    private static NeuralKMeansTrainer.Options Options(NeuralKMeansGeometry geometry, int seed) => new()
    {
        NumberOfClusters = 4, Geometry = geometry, Seed = seed, Mode = NeuralKMeansMode.Deep,
        EncoderHiddenWidths = [64], LatentDimension = 10, NumberOfEpochs = 50, PretrainingEpochs = 100, BatchSize = 32,
        NumberOfRestarts = 2, MaxThreads = 1,
    };

    private static (MLContext Ml, IDataView Data, ClusteringPredictionTransformer<NeuralKMeansModelParameters> Model, List<ClusteringTestData.Row> Rows)
        Fit(NeuralKMeansTrainer.Options options, int dataSeed)
    {
        var ml = new MLContext(1);
        List<ClusteringTestData.Row> rows = ClusteringTestData.Blobs(4, 8, 400, 0.5, 5, dataSeed);
        IDataView data = ClusteringTestData.Load(ml, rows, 8);
        return (ml, data, ml.Clustering.Trainers.NeuralKMeans(options).Fit(data), rows);
    }

    /// <summary>The shallow tests' blobs (spec A10 (4)) with the shallow bars (ACC ≥ 0.97, ARI ≥ 0.95), on five seeds.</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void FourBlobs_AreFound_InTheLatentSpace(NeuralKMeansGeometry geometry)
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            (_, IDataView data, var model, var rows) = Fit(Options(geometry, seed), dataSeed: 100 + seed);
            int[] truth = rows.Select(r => (int)r.Label).ToArray();
            int[] predicted = ClusteringTestData.Labels(model.Transform(data));
            double acc = ClusteringTestData.Accuracy(truth, predicted, 4);
            double ari = ClusteringTestData.AdjustedRandIndex(truth, predicted);
            TestContext.WriteLine($"deep {geometry} seed {seed}: ACC {acc:F4}, ARI {ari:F4}");
            Assert.IsGreaterThanOrEqualTo(0.97, acc, $"seed {seed}");
            Assert.IsGreaterThanOrEqualTo(0.95, ari, $"seed {seed}");
            Assert.AreEqual(NeuralKMeansMode.Deep, model.Model.Mode);
            Assert.AreEqual(10, model.Model.ModelSpaceDimension);
            Assert.HasCount(4 * 10, model.Model.GetModelSpacePrototypes());
        }
    }

    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void SameSeed_SameModel_BitForBit(NeuralKMeansGeometry geometry)
    {
        var a = Fit(Options(geometry, 7), dataSeed: 1);
        var b = Fit(Options(geometry, 7), dataSeed: 1);
        CollectionAssert.AreEqual(a.Model.Model.GetModelSpacePrototypes(), b.Model.Model.GetModelSpacePrototypes());
        CollectionAssert.AreEqual(Flatten(a.Model.Transform(a.Data)), Flatten(b.Model.Transform(b.Data)));
        var c = Fit(Options(geometry, 8), dataSeed: 1);
        CollectionAssert.AreNotEqual(a.Model.Model.GetModelSpacePrototypes(), c.Model.Model.GetModelSpacePrototypes());
    }

    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void SavedAndLoaded_ScoresTheSame(NeuralKMeansGeometry geometry)
    {
        (MLContext ml, IDataView data, var model, _) = Fit(Options(geometry, 3), dataSeed: 2);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        ITransformer loaded = ml.Model.Load(file, out _);
        CollectionAssert.AreEqual(Flatten(model.Transform(data)), Flatten(loaded.Transform(data)));
        var parameters = (NeuralKMeansModelParameters)((ISingleFeaturePredictionTransformer<object>)loaded).Model;
        Assert.AreEqual(NeuralKMeansMode.Deep, parameters.Mode);
        Assert.AreEqual(geometry, parameters.Geometry);
        CollectionAssert.AreEqual(model.Model.GetModelSpacePrototypes(), parameters.GetModelSpacePrototypes());
        float[][] before = model.Model.GetPrototypes(), after = parameters.GetPrototypes();
        for (int j = 0; j < before.Length; j++)
            CollectionAssert.AreEqual(before[j], after[j]);
    }

    /// <summary>Spec A6 (b): decoder(Ω_j) in input units is a point that the model puts in cluster j, near its blob's
    /// centre (5·e_j, up to the blob order).</summary>
    [TestMethod]
    public void PrototypeReconstructions_AreAssignedToTheirOwnCluster()
    {
        (_, _, var model, _) = Fit(Options(NeuralKMeansGeometry.Euclidean, 1), dataSeed: 101);
        float[][] prototypes = model.Model.GetPrototypes();
        var scores = new float[4];
        var blobs = new HashSet<int>();
        for (int j = 0; j < 4; j++)
        {
            model.Model.Score(prototypes[j], 1, scores);
            Assert.AreEqual(j, Array.IndexOf(scores, scores.Min()), $"prototype {j}: [{string.Join(", ", prototypes[j])}]");
            int blob = Array.IndexOf(prototypes[j], prototypes[j].Max());
            blobs.Add(blob);
            Assert.AreEqual(5, prototypes[j][blob], 1.5, $"prototype {j}'s largest coordinate");
        }
        Assert.HasCount(4, blobs);
    }

    /// <summary>The integrated gradients from the mean row add up: Σ c_f = gap(x) − gap(mean) up to the reported residual,
    /// which stays below 1 % of the gaps' scale on every row (measured: 1.7e-3 in both geometries); and the margin is the Score difference.</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void Explain_ContributionsSumToTheGapFromTheMeanRow(NeuralKMeansGeometry geometry)
    {
        (_, IDataView data, var model, var rows) = Fit(Options(geometry, 2), dataSeed: 5);
        float[][] scores = ClusteringTestData.Scores(model.Transform(data));
        double worst = 0;
        for (int i = 0; i < 60; i++)
        {
            ClusterExplanation e = model.Model.Explain(rows[i].Features);
            double sum = e.Contributions.Sum();
            Assert.AreEqual(e.Margin - e.BaselineMargin - e.Residual, sum, 1e-9);
            double scale = 1 + Math.Abs(e.Margin) + Math.Abs(e.BaselineMargin);
            worst = Math.Max(worst, Math.Abs(e.Residual) / scale);
            Assert.IsLessThan(0.01, Math.Abs(e.Residual) / scale, $"row {i}: Σc {sum}, gap {e.Margin}, mean row's gap {e.BaselineMargin}");
            Assert.AreEqual(scores[i][e.RunnerUpCluster] - (double)scores[i][e.AssignedCluster], e.Margin, 1e-5);
            Assert.AreEqual(Array.IndexOf(scores[i], scores[i].Min()), e.AssignedCluster);
            Assert.HasCount(8, e.Contributions);
        }
        TestContext.WriteLine($"{geometry}: largest |residual| / (1 + |gap| + |mean gap|) = {worst:E2}");
    }

    /// <summary>Streamed (cache limit 0): batches are standardised per read and the codes that seed come from the
    /// reservoir sample; the blobs are still found.</summary>
    [TestMethod]
    public void StreamedData_FindsTheBlobs()
    {
        var options = Options(NeuralKMeansGeometry.Euclidean, 6);
        options.CacheLimitBytes = 0;
        options.InitializationSampleRows = 200;
        (_, IDataView data, var model, var rows) = Fit(options, dataSeed: 13);
        Assert.IsTrue(model.Model.TrainingReport!.Streamed);
        double acc = ClusteringTestData.Accuracy(rows.Select(r => (int)r.Label).ToArray(), ClusteringTestData.Labels(model.Transform(data)), 4);
        Assert.IsGreaterThanOrEqualTo(0.97, acc);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-2)]
    public void AnAutoencoderWidthBelowOne_IsRejectedByName(int width)
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.NeuralKMeans(
            new NeuralKMeansTrainer.Options { Mode = NeuralKMeansMode.Deep, EncoderHiddenWidths = [32, width] }));
        Assert.AreEqual("EncoderHiddenWidths", e.ParamName);
        StringAssert.Contains(e.Message, "EncoderHiddenWidths[1]");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-1)]
    public void ALatentDimensionBelowOne_IsRejectedByName(int latent)
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.NeuralKMeans(
            new NeuralKMeansTrainer.Options { Mode = NeuralKMeansMode.Deep, LatentDimension = latent }));
        Assert.AreEqual("LatentDimension", e.ParamName);
    }

    [TestMethod]
    public void ANegativeClusteringWeight_IsRejectedByName()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.NeuralKMeans(
            new NeuralKMeansTrainer.Options { Mode = NeuralKMeansMode.Deep, ClusteringWeight = -0.1 }));
        Assert.AreEqual("ClusteringWeight", e.ParamName);
    }

    /// <summary>Shallow models still write the initial format version (the deep fields are not written), so files read
    /// by older builds stay readable by them.</summary>
    [TestMethod]
    public void ShallowModels_KeepTheInitialFormatVersion()
    {
        var options = Options(NeuralKMeansGeometry.Euclidean, 1);
        options.Mode = NeuralKMeansMode.Shallow;
        (MLContext ml, IDataView data, var model, _) = Fit(options, dataSeed: 1);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        var loaded = (ISingleFeaturePredictionTransformer<object>)ml.Model.Load(file, out _);
        Assert.AreEqual(NeuralKMeansMode.Shallow, ((NeuralKMeansModelParameters)loaded.Model).Mode);
        Assert.AreEqual(0x00010001u, ModelVersionOf(file.ToArray()), "shallow");

        var deep = Fit(Options(NeuralKMeansGeometry.Euclidean, 1), dataSeed: 1);
        using var deepFile = new MemoryStream();
        ml.Model.Save(deep.Model, deep.Data.Schema, deepFile);
        Assert.AreEqual(0x00010002u, ModelVersionOf(deepFile.ToArray()), "deep");
    }

    /// <summary>The "written" version in the header of the model's entry (ML.NET's ModelHeader: the 8-byte model
    /// signature, then uint32 verWritten).</summary>
    private static uint ModelVersionOf(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            int at = bytes.AsSpan().IndexOf("MLNDNKMS"u8);
            if (at >= 0)
                return BitConverter.ToUInt32(bytes, at + 8);
        }
        throw new AssertFailedException("no NeuralKMeans entry in the model file");
    }

    private static float[] Flatten(IDataView scored) => ClusteringTestData.Scores(scored).SelectMany(s => s).ToArray();
}
