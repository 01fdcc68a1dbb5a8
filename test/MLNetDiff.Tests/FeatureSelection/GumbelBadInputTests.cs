using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>Every bad input of issue 8 fails with an exception that names the column or the option and what was expected.</summary>
[TestClass]
public sealed class GumbelBadInputTests
{
    private static readonly MLContext Ml = new(1);

    private static GumbelFeatureSelectionEstimator Selector(Action<GumbelFeatureSelectionEstimator.Options>? configure = null)
    {
        var options = new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = 2 };
        configure?.Invoke(options);
        return Ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options);
    }

    private static IDataView Data(Func<float[], int, float[]>? edit = null)
    {
        float[][] x = GumbelTestData.Features(50, 6, 3);
        return GumbelTestData.Load(Ml, 6, x.Select((f, r) => new GumbelTestData.BinaryRow { Features = edit?.Invoke(f, r) ?? f, Label = f[0] > 0 }));
    }

    private static void Contains(Exception e, params string[] parts)
    {
        foreach (string part in parts)
            StringAssert.Contains(e.Message, part);
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(float.PositiveInfinity)]
    [DataRow(float.NegativeInfinity)]
    public void NonFiniteFeaturesAreNamedWithRowAndSlot(float value)
    {
        IDataView data = Data((f, r) => r == 4 ? f.Select((v, i) => i == 2 ? value : v).ToArray() : f);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Selector().Fit(data));
        Contains(e, "input column 'Features'", "row 4", "finite");
    }

    [TestMethod]
    public void OneClassIsRejected()
    {
        float[][] x = GumbelTestData.Features(30, 4, 3);
        IDataView data = GumbelTestData.Load(Ml, 4, x.Select(f => new GumbelTestData.BinaryRow { Features = f, Label = true }));
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Selector().Fit(data));
        Contains(e, "label column 'Label'", "one class", "at least two");
    }

    [TestMethod]
    public void LabelOfTheWrongTypeIsRejectedAtFitAndSchemaTime()
    {
        IDataView data = Data();
        IDataView doubles = Ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Double).Fit(data).Transform(data);
        var fit = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector().Fit(doubles));
        Contains(fit, "label column 'Label'", "expected Boolean, Single or Key<UInt32>", "got Double");
        var shape = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector().GetOutputSchema(GumbelTestData.Shape(doubles.Schema)));
        Contains(shape, "label column 'Label'", "got Double");
        IDataView text = Ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.String).Fit(data).Transform(data);
        Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector().Fit(text)), "label column 'Label'", "got String");
    }

    [TestMethod]
    public void EmptyFeatureVectorIsRejected()
    {
        // D = 0: ML.NET has no known-size vector of length 0; a zero-length vector column is variable-size.
        IDataView data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new GumbelTestData.BinaryRow { Features = [], Label = i % 2 == 0 }));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector().Fit(data));
        Contains(e, "input column 'Features'", "known-size Vector<Single>");
    }

    [TestMethod]
    public void BadOptionsNameTheOption()
    {
        Assert.AreEqual("Balance", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.Balance = -0.1)).ParamName);
        Assert.AreEqual("Balance", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.Balance = double.NaN)).ParamName);
        var caps = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => { o.MinimumFeatureCount = 5; o.MaximumFeatureCount = 3; }));
        Assert.AreEqual("MaximumFeatureCount", caps.ParamName);
        Contains(caps, "(3)", "minimum feature count (5)");
        Assert.AreEqual("MinimumFeatureCount", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.MinimumFeatureCount = 0)).ParamName);
        Assert.AreEqual("NumberOfEpochs", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.NumberOfEpochs = 0)).ParamName);
        Assert.AreEqual("BatchSize", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.BatchSize = 0)).ParamName);
        Assert.AreEqual("TemperatureDecay", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.TemperatureDecay = 1.5)).ParamName);
        Assert.AreEqual("MaskLearningRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.MaskLearningRate = 0)).ParamName);
        Assert.AreEqual("OutputColumnName", Assert.ThrowsExactly<ArgumentException>(() => Selector(o => o.OutputColumnName = " ")).ParamName);
    }

    [TestMethod]
    public void UnknownColumnsAreNamed()
    {
        IDataView data = Data();
        Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.InputColumnName = "Nope").Fit(data)),
            "input column 'Nope'", "Could not find");
        Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.LabelColumnName = "Target").Fit(data)),
            "label column 'Target'", "Could not find");
        Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.ExampleWeightColumnName = "W").Fit(data)),
            "weight column 'W'", "Could not find");
        Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector(o => o.ExampleWeightColumnName = "Label").Fit(data)),
            "weight column 'Label'", "expected Single", "got Boolean");
    }

    [TestMethod]
    public void EmptyDataIsRejected()
    {
        float[][] x = GumbelTestData.Features(20, 6, 3);
        IDataView data = GumbelTestData.Load(Ml, 6, x.Select(f => new GumbelFeatureSelectionTests.WeightedRow { Features = f, Label = f[0] > 0, Weight = 1 }));
        // TakeRows(data, 0) throws in ML.NET; a filter that matches nothing makes data without rows.
        IDataView empty = Ml.Data.FilterRowsByColumn(data, "Weight", lowerBound: 5, upperBound: 6);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Selector().Fit(empty));
        Contains(e, "no rows", "input column 'Features'");
    }

    [TestMethod]
    public void ScoringAVectorOfAnotherSizeIsNamed()
    {
        IDataView data = Data();
        GumbelFeatureSelectionTransformer model = Selector().Fit(data);
        IDataView wider = Ml.Transforms.Concatenate("Features", "Features", "Features").Fit(data).Transform(data);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Transform(wider));
        Contains(e, "input column 'Features'", "expected Vector<Single, 6>", "got Vector<Single, 12>");
    }
}
