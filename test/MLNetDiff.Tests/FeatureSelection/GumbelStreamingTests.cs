using System;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>Data above the cache limit is streamed: the same statistics, the same batches in data order, the same errors.</summary>
[TestClass]
public sealed class GumbelStreamingTests
{
    [TestMethod]
    public void StreamedInDataOrderIsBitIdenticalToCached()
    {
        var ml = new MLContext(1);
        IDataView data = GumbelTestData.Binary(ml, 500, 30, 3, 14);
        GumbelFeatureSelectionTransformer Fit(long? limit) => ml.Transforms.FeatureSelection.SelectFeaturesGumbel(
            new GumbelFeatureSelectionEstimator.Options { Seed = 4, NumberOfEpochs = 30, Shuffle = false, CacheLimitBytes = limit }).Fit(data);
        GumbelFeatureSelectionTransformer cached = Fit(null), streamed = Fit(0);
        Assert.IsFalse(cached.Streamed);
        Assert.IsTrue(streamed.Streamed);
        CollectionAssert.AreEqual(cached.Logits.ToArray(), streamed.Logits.ToArray());
        CollectionAssert.AreEqual(cached.SelectedIndices.ToArray(), streamed.SelectedIndices.ToArray());
    }

    [TestMethod]
    public void DefaultCacheLimitIsTheEnginesOrAQuarterOfTheAvailableMemoryWhicheverIsLarger()
    {
        // 200 epochs over the data: GFS caches what the engine's 256 MiB default would stream (N = D = 10,000 is 400 MB).
        long limit = GumbelFeatureSelectionEstimator.Options.DefaultCacheLimitBytes;
        long quarter = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
        Assert.AreEqual(Math.Max(DataOptions.DefaultCacheLimitBytes, quarter), limit);
        var ml = new MLContext(1);
        IDataView data = GumbelTestData.Binary(ml, 200, 10, 2, 16);
        var options = new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = 1 };
        Assert.IsFalse(ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(data).Streamed, "null: the default limit");
        options.CacheLimitBytes = 200 * 11 * 4 - 1; // features + label, one byte short
        Assert.IsTrue(ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(data).Streamed, "an explicit limit still applies");
    }

    [TestMethod]
    public void StreamedAndShuffledStillFindsTheInformativeFeatures()
    {
        var ml = new MLContext(1);
        IDataView data = GumbelTestData.Binary(ml, 1000, 50, 4, 15);
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(
            new GumbelFeatureSelectionEstimator.Options { Seed = 1, CacheLimitBytes = 0 }).Fit(data);
        Assert.IsTrue(model.Streamed);
        CollectionAssert.IsSubsetOf(new[] { 0, 1, 2, 3 }, model.SelectedIndices.ToArray(), $"kept [{string.Join(", ", model.SelectedIndices)}]");
        Assert.IsLessThanOrEqualTo(8, model.Count);
    }

    [TestMethod]
    public void StreamedBadInputsGiveTheSameErrors()
    {
        var ml = new MLContext(1);
        float[][] x = GumbelTestData.Features(40, 5, 3);
        x[7][1] = float.NaN;
        IDataView nan = GumbelTestData.Load(ml, 5, x.Select(f => new GumbelTestData.BinaryRow { Features = f, Label = f[0] > 0 }));
        var options = new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = 2, CacheLimitBytes = 0 };
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(nan));
        StringAssert.Contains(e.Message, "input column 'Features' at row 7");

        IDataView oneClass = GumbelTestData.Load(ml, 5, GumbelTestData.Features(40, 5, 4).Select(f => new GumbelTestData.BinaryRow { Features = f, Label = false }));
        var one = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(oneClass));
        StringAssert.Contains(one.Message, "label column 'Label' holds only one class");

        IDataView rows = GumbelTestData.Load(ml, 5, GumbelTestData.Features(20, 5, 5).Select(f => new GumbelFeatureSelectionTests.WeightedRow { Features = f, Label = f[0] > 0, Weight = 1 }));
        IDataView empty = ml.Data.FilterRowsByColumn(rows, "Weight", 5, 6);
        var none = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(empty));
        StringAssert.Contains(none.Message, "no rows");
        StringAssert.Contains(none.Message, "input column 'Features'");
    }
}
