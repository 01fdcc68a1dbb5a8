using System;
using System.Collections.Generic;
using System.Linq;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Data;

[TestClass]
public sealed class StreamingBatchSourceTests
{
    [TestMethod]
    [DataRow(BatchOrder.Sequential, 100)]
    [DataRow(BatchOrder.Shuffled, 100)]
    [DataRow(BatchOrder.Stratified, 64)]
    [DataRow(BatchOrder.Shuffled, 5000)]
    public void EveryRowOncePerEpoch(BatchOrder order, int bufferRows)
    {
        var view = new SyntheticDataView(1234, 3, 5);
        using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(view,
            new DataOptions { ShuffleBufferRows = bufferRows, CacheLimitBytes = 0 }, order, seed: 9);
        Assert.AreEqual(1234L, source.RowCount);
        var expected = Enumerable.Range(0, 1234).Select(r => view.Value(r, 0)).OrderBy(v => v).ToArray();
        List<float> first = Epoch(source, 0);
        CollectionAssert.AreEqual(expected, first.OrderBy(v => v).ToArray());
        List<float> second = Epoch(source, 1);
        CollectionAssert.AreEqual(expected, second.OrderBy(v => v).ToArray());
        if (order == BatchOrder.Sequential)
            CollectionAssert.AreEqual(first, second);
        else
            CollectionAssert.AreNotEqual(first, second);
        CollectionAssert.AreEqual(first, Epoch(source, 0), "an epoch is a pure function of (seed, epoch)");
    }

    [TestMethod]
    public void StratifiedStreamingKeepsBatchesCloseToThePositiveRate()
    {
        // Best effort: ±1 row of the running rate while streaming; the drain at the end of the epoch spreads the
        // buffer's own mix, which can differ from the data's rate by a little. Uniform sampling would deviate by up to
        // ~10 rows on these 100 batches of 50.
        var view = new SyntheticDataView(5000, 2, 11);
        using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(view,
            new DataOptions { ShuffleBufferRows = 500 }, BatchOrder.Stratified, seed: 1);
        source.Reset(0);
        float[] x = new float[50 * 2], y = new float[50];
        var deviations = new List<double>();
        double rate = DataViewLoader.LoadInMemory(view).Labels.ToArray().Average();
        int n;
        while ((n = source.NextBatch(50, x, y)) == 50)
            deviations.Add(Math.Abs(y.Sum() - 50 * rate));
        Assert.IsTrue(deviations.Max() <= 3.0, $"max deviation {deviations.Max()} rows: {string.Join(",", deviations.Select(d => d.ToString("F1")))}");
    }

    [TestMethod]
    public void StreamingSplitPartsAreComplementaryAndDeterministic()
    {
        var view = new SyntheticDataView(3000, 2, 12);
        var options = new DataOptions { ShuffleBufferRows = 100 };
        var (train, validation) = DataViewLoader.CreateStreamingSplit(view, options, 0.25f, BatchOrder.Shuffled, seed: 3);
        using (train)
        using (validation)
        {
            List<float> a = Epoch(train, 0), b = Epoch(validation, 0);
            Assert.AreEqual(3000, a.Count + b.Count);
            Assert.AreEqual(0.25, b.Count / 3000.0, 0.03);
            Assert.IsFalse(a.Intersect(b).Any());
            Assert.AreEqual(a.Count, train.CountRows());
            Assert.AreEqual(b.Count, validation.CountRows());
        }
    }

    private static List<float> Epoch(BatchSource source, int epoch)
    {
        source.Reset(epoch);
        var values = new List<float>();
        int f = source.FeatureCount;
        float[] x = new float[37 * f], y = new float[37 * Math.Max(1, source.LabelSize)];
        int n;
        while ((n = source.NextBatch(37, x, y)) > 0)
        {
            for (int i = 0; i < n; i++)
                values.Add(x[i * f]);
        }
        return values;
    }
}
