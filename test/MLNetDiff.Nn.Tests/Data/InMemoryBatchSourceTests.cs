using System;
using System.Linq;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Data;

[TestClass]
public sealed class InMemoryBatchSourceTests
{
    [TestMethod]
    [DataRow(BatchOrder.Sequential)]
    [DataRow(BatchOrder.Shuffled)]
    [DataRow(BatchOrder.Stratified)]
    public void EveryRowOncePerEpochWithItsLabel(BatchOrder order)
    {
        const int rows = 103, features = 3;
        float[] x = new float[rows * features];
        for (int r = 0; r < rows; r++)
            x[r * features] = r; // row id in feature 0
        float[] y = TestArrays.BinaryLabels(rows, 1);
        var data = new InMemoryDataset(x, features, y);
        var source = new InMemoryBatchSource(data, order, seed: 5);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            source.Reset(epoch);
            var seen = new bool[rows];
            float[] bx = new float[10 * features], by = new float[10];
            int n;
            while ((n = source.NextBatch(10, bx, by)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    int id = (int)bx[i * features];
                    Assert.IsFalse(seen[id]);
                    seen[id] = true;
                    Assert.AreEqual(y[id], by[i]);
                }
            }
            Assert.IsTrue(seen.All(s => s));
        }
    }

    [TestMethod]
    public void StratifiedBatchesHaveThePositiveRateWithinOneRow()
    {
        const int rows = 1000, batch = 32;
        float[] y = TestArrays.BinaryLabels(rows, 7, positiveRate: 0.13);
        var data = new InMemoryDataset(new float[rows], 1, y);
        double rate = y.Average();
        var source = new InMemoryBatchSource(data, BatchOrder.Stratified, seed: 3);
        Assert.AreEqual(BatchOrder.Stratified, source.Order);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            source.Reset(epoch);
            float[] bx = new float[batch], by = new float[batch];
            int n;
            while ((n = source.NextBatch(batch, bx, by)) > 0)
            {
                double positives = by.Take(n).Sum();
                Assert.IsTrue(Math.Abs(positives - n * rate) <= 1.0 + 1e-9, $"epoch {epoch}: {positives} positives in {n} rows, rate {rate}");
            }
        }
    }

    [TestMethod]
    public void OrderIsDeterministicPerSeedAndEpoch()
    {
        var data = new InMemoryDataset(new float[50], 1, TestArrays.BinaryLabels(50, 2));
        int[] Order(ulong seed, int epoch)
        {
            var s = new InMemoryBatchSource(data, BatchOrder.Shuffled, seed);
            s.Reset(epoch);
            return s.EpochOrder.ToArray();
        }
        CollectionAssert.AreEqual(Order(1, 0), Order(1, 0));
        CollectionAssert.AreNotEqual(Order(1, 0), Order(1, 1));
        CollectionAssert.AreNotEqual(Order(1, 0), Order(2, 0));
    }

    [TestMethod]
    public void NonBinaryLabelsFallBackToShuffling()
    {
        var data = new InMemoryDataset(new float[6], 1, [0, 1, 2, 1, 0, 2]);
        Assert.AreEqual(BatchOrder.Shuffled, new InMemoryBatchSource(data, BatchOrder.Stratified).Order);
    }

    [TestMethod]
    public void NonFiniteValuesAreRejectedWithRowAndColumn()
    {
        float[] x = new float[12];
        x[7] = float.NaN;
        var e = Assert.ThrowsExactly<ArgumentException>(() => new InMemoryDataset(x, 3));
        StringAssert.Contains(e.Message, "row 2, column 1");
    }

    [TestMethod]
    public void StratifiedSplitKeepsTheRateAndIsDeterministic()
    {
        float[] y = TestArrays.BinaryLabels(1000, 9, 0.3);
        var data = new InMemoryDataset(new float[1000], 1, y);
        var (train, validation) = DataSplit.Split(data, 0.2f, seed: 4);
        Assert.AreEqual(1000, train.Length + validation.Length);
        Assert.IsFalse(train.Intersect(validation).Any());
        int positives = (int)y.Sum();
        Assert.AreEqual(Math.Round(positives * 0.2, MidpointRounding.AwayFromZero), validation.Count(i => y[i] == 1f));
        var again = DataSplit.Split(data, 0.2f, seed: 4);
        CollectionAssert.AreEqual(validation, again.Validation);
        CollectionAssert.AreNotEqual(validation, DataSplit.Split(data, 0.2f, seed: 5).Validation);
    }
}
