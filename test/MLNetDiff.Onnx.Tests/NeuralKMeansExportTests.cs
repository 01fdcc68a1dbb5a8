using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;
using MLNetDiff.Onnx.Tests.Helpers;
using Parity = MLNetDiff.Testing.Onnx.OnnxParity;

namespace MLNetDiff.Onnx.Tests;

/// <summary>NeuralKMeans (TELL) exported to ONNX and run in ONNX Runtime against ML.NET: Score within
/// <see cref="OnnxParity.Tolerance"/>, PredictedLabel (a 1-based key) exactly, in both geometries, at opsets 9 and 12,
/// after ML.NET's normalizers, from a reloaded model file, and through ML.NET's converter alone.</summary>
[TestClass]
public sealed class NeuralKMeansExportTests
{
    private static NeuralKMeansTrainer Trainer(MLContext ml, NeuralKMeansGeometry geometry, int k) =>
        ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = k, Geometry = geometry, Seed = 1, NumberOfRestarts = 1,
        });

    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean, 9)]
    [DataRow(NeuralKMeansGeometry.Euclidean, 12)]
    [DataRow(NeuralKMeansGeometry.Spherical, 9)]
    [DataRow(NeuralKMeansGeometry.Spherical, 12)]
    public void Wdbc_MatchesOnnxRuntime(NeuralKMeansGeometry geometry, int opset)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        ITransformer model = Trainer(ml, geometry, 4).Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data, opset);
        CollectionAssert.IsSubsetOf(new[] { "Score", "PredictedLabel" }, outputs);
    }

    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void AfterANormalizer_AndReloaded_MatchesOnnxRuntime(NeuralKMeansGeometry geometry)
    {
        var ml = new MLContext(1);
        IDataView data = ExtraDatasets.Iris(ml);
        ITransformer model = ml.Transforms.NormalizeMinMax("Features").Append(Trainer(ml, geometry, 3)).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        ITransformer loaded = ml.Model.Load(file, out _);
        OnnxParity.AssertMatches(ml, model, data);
        OnnxParity.AssertMatches(ml, loaded, data);
    }

    /// <summary>Deep mode: the encoder's layers (engine writers) then the unit sphere (spherical) before the distances;
    /// labels exact and scores within tolerance against ONNX Runtime, from the fitted and the reloaded model.</summary>
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean, 9)]
    [DataRow(NeuralKMeansGeometry.Spherical, 12)]
    public void DeepMode_MatchesOnnxRuntime(NeuralKMeansGeometry geometry, int opset)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        var model = ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 3, Geometry = geometry, Seed = 1, Mode = NeuralKMeansMode.Deep, EncoderHiddenWidths = [32, 16],
            LatentDimension = 6, NumberOfEpochs = 10, PretrainingEpochs = 10, BatchSize = 64, NumberOfRestarts = 1,
        }).Fit(data);
        Assert.AreEqual(6, model.Model.ModelSpaceDimension);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data, opset);
        CollectionAssert.IsSubsetOf(new[] { "Score", "PredictedLabel" }, outputs);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        OnnxParity.AssertMatches(ml, ml.Model.Load(file, out _), data, opset);
    }

    /// <summary>ML.NET's <c>ConvertToOnnx</c> alone (no MLNetDiff.Onnx step checks or stand-ins) writes the same labels:
    /// the model writes its own + 1, unlike ML.NET's KMeans.</summary>
    [TestMethod]
    public void MlNetsConverterAlone_GivesOneBasedLabels()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        var model = Trainer(ml, NeuralKMeansGeometry.Euclidean, 3).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        IDataView scored = model.Transform(data);
        Parity.AssertMatches(stream.ToArray(), data, scored, MLNetDiff.Testing.Tolerance.CrossRuntime);
        uint[] labels = scored.GetColumn<uint>("PredictedLabel").ToArray();
        Assert.AreEqual(1u, labels.Min());
        Assert.AreEqual(3u, labels.Max());
    }
}
