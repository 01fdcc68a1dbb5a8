using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests;

[TestClass]
public sealed class OnnxRoundTripTests
{
    /// <summary>Back into ML.NET through ApplyOnnxModel (Microsoft.ML.OnnxTransformer): every output comes back as a
    /// known-size vector of length 1, under the ML.NET column name.</summary>
    [TestMethod]
    public void AnyLoss_ThroughApplyOnnxModel_MatchesMLNet()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        var model = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { HiddenLayerSizes = [8], NumberOfEpochs = 10, Seed = 1 }))
            .Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"anyloss_roundtrip_{Environment.ProcessId}.onnx");
        try
        {
            using (FileStream file = File.Create(path))
                ml.Model.ExportToOnnx(model, data, file);
            string[] outputs = ["Score.output", "Probability.output", "PredictedLabel.output"];
            var applied = ml.Transforms.ApplyOnnxModel(outputs, ["Features"], path);
            using var transformer = applied.Fit(data);
            IDataView fromOnnx = transformer.Transform(data);
            IDataView fromMLNet = model.Transform(data);

            float[][] expectedScore = OnnxParity.ReadFloats(fromMLNet, "Score");
            float[][] expectedProbability = OnnxParity.ReadFloats(fromMLNet, "Probability");
            float[][] expectedLabel = OnnxParity.ReadFloats(fromMLNet, "PredictedLabel");
            // ApplyOnnxModel strips the converter's ".output" suffix: the columns come back as Score, Probability, PredictedLabel.
            Assert.AreEqual(1, ((VectorDataViewType)fromOnnx.Schema["Score"].Type).Size);
            float[][] score = OnnxParity.ReadFloats(fromOnnx, "Score");
            float[][] probability = OnnxParity.ReadFloats(fromOnnx, "Probability");
            bool[][] label = fromOnnx.GetColumn<bool[]>("PredictedLabel").ToArray();
            Assert.HasCount(expectedScore.Length, score);
            for (int r = 0; r < score.Length; r++)
            {
                Assert.IsTrue(Math.Abs(score[r][0] - expectedScore[r][0]) <= OnnxParity.Tolerance * (1 + Math.Abs(expectedScore[r][0])), $"Score row {r}");
                Assert.IsTrue(Math.Abs(probability[r][0] - expectedProbability[r][0]) <= OnnxParity.Tolerance * (1 + Math.Abs(expectedProbability[r][0])), $"Probability row {r}");
                Assert.AreEqual(expectedLabel[r][0] == 1, label[r][0], $"PredictedLabel row {r}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
