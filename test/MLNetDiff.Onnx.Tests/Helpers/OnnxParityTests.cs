using Microsoft.ML;
using MLNetDiff.Classification;
using MLNetDiff.Testing;
using Parity = MLNetDiff.Testing.Onnx.OnnxParity;

namespace MLNetDiff.Onnx.Tests.Helpers;

/// <summary>The shared parity helper (test/MLNetDiff.Testing) passes a model against itself and fails, naming the
/// column and the row, against another model's outputs or when a declared output is missing.</summary>
[TestClass]
public sealed class OnnxParityTests
{
    [TestMethod]
    public void Parity_PassesTheSameModel_AndFailsAnother()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "pima_diabetes");
        ITransformer model = Train(ml, data, seed: 1);
        byte[] onnx = Parity.Convert(ml, model, data);
        string[] columns = ["Score", "Probability", "PredictedLabel"];

        CollectionAssert.AreEquivalent(columns, Parity.AssertMatches(onnx, data, model.Transform(data), Tolerance.CrossRuntime, columns));

        IDataView other = Train(ml, data, seed: 2).Transform(data);
        var error = Assert.Throws<AssertFailedException>(() => Parity.AssertMatches(onnx, data, other, Tolerance.CrossRuntime, ["Score"]));
        StringAssert.Contains(error.Message, "'Score' row ");
        StringAssert.Contains(error.Message, "ML.NET against ONNX Runtime");

        var missing = Assert.Throws<AssertFailedException>(() => Parity.AssertMatches(onnx, data, model.Transform(data), Tolerance.CrossRuntime, ["Margin"]));
        StringAssert.Contains(missing.Message, "ONNX outputs lack Margin");
    }

    private static ITransformer Train(MLContext ml, IDataView data, int seed)
    {
        ITransformer model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { NumberOfEpochs = 5, Seed = seed }).Fit(data);
        return model;
    }
}
