using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;
using MLNetDiff.Onnx.Tests.Helpers;
using Parity = MLNetDiff.Testing.Onnx.OnnxParity;

namespace MLNetDiff.Onnx.Tests;

/// <summary>Clam (ClAM) exported to ONNX and run in ONNX Runtime against ML.NET: the T associative-memory steps unrolled
/// (opset-9 operators), Score within <see cref="OnnxParity.Tolerance"/>, PredictedLabel (a 1-based key) exactly, on the
/// features the model z-scores itself, at opsets 9 and 12, after ML.NET's normalizers, from a reloaded model file, and
/// through ML.NET's converter alone.</summary>
[TestClass]
public sealed class ClamExportTests
{
    private static ClamTrainer Trainer(MLContext ml, int k, int steps = 10) =>
        ml.Clustering.Trainers.Clam(new ClamTrainer.Options
        {
            NumberOfClusters = k, Seed = 1, NumberOfRestarts = 1, NumberOfEpochs = 40, Steps = steps,
        });

    [TestMethod]
    [DataRow(9)]
    [DataRow(12)]
    public void Wdbc_MatchesOnnxRuntime(int opset)
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        ITransformer model = Trainer(ml, 4).Fit(data);
        string[] outputs = OnnxParity.AssertMatches(ml, model, data, opset);
        CollectionAssert.IsSubsetOf(new[] { "Score", "PredictedLabel" }, outputs);
    }

    /// <summary>The graph holds one Softmax node per step (T = 10 by default, 3 when asked): the dynamics are unrolled,
    /// and the scores match at both depths (a graph with the wrong number of steps would not).</summary>
    [TestMethod]
    [DataRow(10)]
    [DataRow(3)]
    public void TheStepsAreUnrolled_OneSoftmaxPerStep(int steps)
    {
        var ml = new MLContext(1);
        IDataView data = ExtraDatasets.Iris(ml);
        var model = Trainer(ml, 3, steps).Fit(data);
        byte[] onnx = OnnxParity.Export(ml, model, data, 9);
        Assert.AreEqual(steps, CountOpType(onnx, "Softmax"));
        Parity.AssertMatches(onnx, data, model.Transform(data), MLNetDiff.Testing.Tolerance.CrossRuntime);
    }

    [TestMethod]
    public void AfterANormalizer_AndReloaded_MatchesOnnxRuntime()
    {
        var ml = new MLContext(1);
        IDataView data = ExtraDatasets.Iris(ml);
        ITransformer model = ml.Transforms.NormalizeMinMax("Features").Append(Trainer(ml, 3)).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        ITransformer loaded = ml.Model.Load(file, out _);
        OnnxParity.AssertMatches(ml, model, data);
        OnnxParity.AssertMatches(ml, loaded, data);
    }

    /// <summary>ML.NET's <c>ConvertToOnnx</c> alone writes the same 1-based labels.</summary>
    [TestMethod]
    public void MlNetsConverterAlone_GivesOneBasedLabels()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "breast_cancer_wdbc");
        var model = Trainer(ml, 3).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        IDataView scored = model.Transform(data);
        Parity.AssertMatches(stream.ToArray(), data, scored, MLNetDiff.Testing.Tolerance.CrossRuntime);
        uint[] labels = scored.GetColumn<uint>("PredictedLabel").ToArray();
        Assert.AreEqual(1u, labels.Min());
        Assert.AreEqual(3u, labels.Max());
    }

    // NodeProto.op_type is field 4 (a length-delimited string, tag byte 0x22) in the ONNX protobuf: counting the tag,
    // the length and the name counts the nodes of that type (node names are field 3 and never match this prefix).
    private static int CountOpType(byte[] model, string opType)
    {
        byte[] name = Encoding.ASCII.GetBytes(opType);
        byte[] needle = [0x22, (byte)name.Length, .. name];
        int count = 0;
        for (int i = 0; i + needle.Length <= model.Length; i++)
        {
            if (model.AsSpan(i, needle.Length).SequenceEqual(needle))
                count++;
        }
        return count;
    }
}
