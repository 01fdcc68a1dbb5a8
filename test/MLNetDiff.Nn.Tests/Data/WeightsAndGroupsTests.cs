using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Data;

/// <summary>Weight and group columns through the one reader, group-aware batches, and weighted training, on tiny
/// hand-made data.</summary>
[TestClass]
public sealed class WeightsAndGroupsTests
{
    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public float Weight { get; set; }
        public uint Query { get; set; }
    }

    // Queries: 7 (3 rows), 8 (1 row), 9 (2 rows), in contiguous increasing order.
    private static Row[] Rows() =>
    [
        new() { Features = [1, 2], Label = 2, Weight = 1, Query = 7 },
        new() { Features = [3, 4], Label = 0, Weight = 2, Query = 7 },
        new() { Features = [5, 6], Label = 1, Weight = 0.5f, Query = 7 },
        new() { Features = [7, 8], Label = 1, Weight = 1, Query = 8 },
        new() { Features = [9, 10], Label = 0, Weight = 3, Query = 9 },
        new() { Features = [11, 12], Label = 2, Weight = 1, Query = 9 },
    ];

    private static DataOptions Options(bool streamed = false) => new()
    {
        WeightColumnName = "Weight",
        GroupColumnName = "Query",
        CacheLimitBytes = streamed ? 0 : DataOptions.DefaultCacheLimitBytes,
        ShuffleBufferRows = 2,
    };

    [TestMethod]
    public void WeightsAndGroupsAreReadInMemory()
    {
        var ml = new MLContext(0);
        InMemoryDataset data = DataViewLoader.LoadInMemory(ml.Data.LoadFromEnumerable(Rows()), Options());
        CollectionAssert.AreEqual(new[] { 1f, 2f, 0.5f, 1f, 3f, 1f }, data.Weights.ToArray());
        CollectionAssert.AreEqual(new uint[] { 7, 7, 7, 8, 9, 9 }, data.Groups.ToArray());
        InMemoryDataset subset = data.Subset([4, 0]);
        CollectionAssert.AreEqual(new[] { 3f, 1f }, subset.Weights.ToArray());
        CollectionAssert.AreEqual(new uint[] { 9, 7 }, subset.Groups.ToArray());
    }

    [TestMethod]
    public void WeightsAreStreamedWithTheirRows()
    {
        var ml = new MLContext(0);
        using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(ml.Data.LoadFromEnumerable(Rows()), Options(streamed: true), BatchOrder.Shuffled, seed: 3);
        Assert.IsTrue(source.HasWeights);
        var x = new float[12];
        var y = new float[6];
        var w = new float[6];
        Assert.AreEqual(6, source.NextBatch(6, x, y, w));
        // Shuffled, but each weight travels with its row: weight = f(first feature) as in Rows().
        var expected = Rows().ToDictionary(r => r.Features[0], r => r.Weight);
        for (int r = 0; r < 6; r++)
            Assert.AreEqual(expected[x[2 * r]], w[r], $"row {r}");
        CollectionAssert.AreNotEqual(new[] { 1f, 3f, 5f, 7f, 9f, 11f }, Enumerable.Range(0, 6).Select(r => x[2 * r]).ToArray(), "the buffer shuffles");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void BadWeightsAndGroupsNameColumnAndRow(bool streamed)
    {
        var ml = new MLContext(0);
        Row[] negative = Rows();
        negative[3].Weight = -1;
        AssertRowError(ml, negative, streamed, "The weight column 'Weight' at row 3 is -1; expected a finite value >= 0");
        Row[] nan = Rows();
        nan[1].Weight = float.NaN;
        AssertRowError(ml, nan, streamed, "The weight column 'Weight' at row 1 is NaN");
        Row[] interleaved = Rows();
        interleaved[4].Query = 7; // 7, 7, 7, 8, 7, 9: group 7 comes back
        AssertRowError(ml, interleaved, streamed, "The group column 'Query' at row 4 is group 7 after group 8");
    }

    private static void AssertRowError(MLContext ml, Row[] rows, bool streamed, string expected)
    {
        IDataView view = ml.Data.LoadFromEnumerable(rows);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() =>
        {
            if (!streamed)
            {
                DataViewLoader.LoadInMemory(view, Options());
                return;
            }
            using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(view, Options(streamed: true));
            var x = new float[12];
            var y = new float[6];
            while (source.NextBatch(6, x, y) > 0)
            {
            }
        });
        StringAssert.Contains(e.Message, expected);
    }

    [TestMethod]
    public void WrongWeightAndGroupTypesAreSchemaErrors()
    {
        var ml = new MLContext(0);
        IDataView view = ml.Data.LoadFromEnumerable(Rows());
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view, new DataOptions { WeightColumnName = "Query" }));
        StringAssert.Contains(e.Message, "Schema mismatch for weight column 'Query': expected a Single scalar, got UInt32");
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view, new DataOptions { GroupColumnName = "Weight" }));
        StringAssert.Contains(e.Message, "Schema mismatch for group column 'Weight'");
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view, new DataOptions { GroupColumnName = "Q" }));
        StringAssert.Contains(e.Message, "Could not find group column 'Q'");
    }

    [TestMethod]
    public void KeyGroupsFromMapValueToKeyAreAccepted()
    {
        var ml = new MLContext(0);
        IDataView raw = ml.Data.LoadFromEnumerable(Rows());
        IDataView keyed = ml.Transforms.Conversion.MapValueToKey("Query").Fit(raw).Transform(raw);
        InMemoryDataset data = DataViewLoader.LoadInMemory(keyed, Options());
        CollectionAssert.AreEqual(new uint[] { 1, 1, 1, 2, 3, 3 }, data.Groups.ToArray(), "keys follow first occurrence");
    }

    [TestMethod]
    public void GroupedBatchesHoldWholeGroupsPaddedWithAZeroMask()
    {
        var ml = new MLContext(0);
        InMemoryDataset data = DataViewLoader.LoadInMemory(ml.Data.LoadFromEnumerable(Rows()), Options());
        var source = new InMemoryGroupBatchSource(data, shuffle: false);
        Assert.AreEqual(3, source.GroupCount);
        Assert.AreEqual(3, source.MaxGroupSize);
        var x = new float[2 * 3 * 2];
        var y = new float[2 * 3];
        var mask = new float[2 * 3];

        // Groups 7 (3 rows) and 8 (1 row): padded to 3 slots each.
        Assert.AreEqual(2, source.NextBatch(2, x, y, mask, out int slots));
        Assert.AreEqual(3, slots);
        CollectionAssert.AreEqual(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0 }, x);
        CollectionAssert.AreEqual(new float[] { 2, 0, 1, 1, 0, 0 }, y);
        CollectionAssert.AreEqual(new float[] { 1, 2, 0.5f, 1, 0, 0 }, mask, "row weights on real rows, 0 on padding");

        // Group 9 alone: padded to its own size (2).
        Assert.AreEqual(1, source.NextBatch(2, x, y, mask, out slots));
        Assert.AreEqual(2, slots);
        CollectionAssert.AreEqual(new float[] { 9, 10, 11, 12 }, x.Take(4).ToArray());
        CollectionAssert.AreEqual(new float[] { 3, 1 }, mask.Take(2).ToArray());
        Assert.AreEqual(0, source.NextBatch(2, x, y, mask, out _));

        // Shuffled epochs are permutations of whole groups.
        var shuffled = new InMemoryGroupBatchSource(data, shuffle: true, seed: 5);
        var firstFeatures = new List<float>();
        while (shuffled.NextBatch(1, x, y, mask, out _) > 0)
            firstFeatures.Add(x[0]);
        CollectionAssert.AreEquivalent(new float[] { 1, 7, 9 }, firstFeatures);
    }

    [TestMethod]
    public void StreamedGroupBatchesEqualTheInMemoryOnes()
    {
        var ml = new MLContext(0);
        IDataView view = ml.Data.LoadFromEnumerable(Rows());
        var inMemory = new InMemoryGroupBatchSource(DataViewLoader.LoadInMemory(view, Options()), shuffle: false);
        using StreamingGroupBatchSource streamed = DataViewLoader.CreateGroupStreamingSource(view, Options(streamed: true), maxGroupSize: 4);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            inMemory.Reset(epoch);
            streamed.Reset(epoch);
            int batches = 0;
            while (true)
            {
                (int groups, int slots, float[] x, float[] y, float[] mask) a = Next(inMemory, 2), b = Next(streamed, 2);
                Assert.AreEqual(a.groups, b.groups, $"epoch {epoch} batch {batches}");
                if (a.groups == 0)
                    break;
                Assert.AreEqual(a.slots, b.slots);
                int rows = a.groups * a.slots;
                CollectionAssert.AreEqual(a.x.Take(rows * 2).ToArray(), b.x.Take(rows * 2).ToArray());
                CollectionAssert.AreEqual(a.y.Take(rows).ToArray(), b.y.Take(rows).ToArray());
                CollectionAssert.AreEqual(a.mask.Take(rows).ToArray(), b.mask.Take(rows).ToArray());
                batches++;
            }
            Assert.AreEqual(2, batches, "groups 7+8, then 9");
        }
    }

    private static (int, int, float[], float[], float[]) Next(GroupBatchSource source, int maxGroups)
    {
        var x = new float[maxGroups * source.MaxGroupSize * source.FeatureCount];
        var y = new float[maxGroups * source.MaxGroupSize * source.LabelSize];
        var mask = new float[maxGroups * source.MaxGroupSize];
        int groups = source.NextBatch(maxGroups, x, y, mask, out int slots);
        return (groups, slots, x, y, mask);
    }

    [TestMethod]
    public void StreamedGroupsTooLongOrOutOfOrderNameTheRow()
    {
        var ml = new MLContext(0);
        using (StreamingGroupBatchSource tight = DataViewLoader.CreateGroupStreamingSource(ml.Data.LoadFromEnumerable(Rows()), Options(streamed: true), maxGroupSize: 2))
        {
            var e = Assert.ThrowsExactly<InvalidOperationException>(() => Next(tight, 1));
            StringAssert.Contains(e.Message, "The group column 'Query' at row 2 makes group 7 longer than 2 rows");
        }
        Row[] interleaved = Rows();
        interleaved[4].Query = 7;
        using StreamingGroupBatchSource source = DataViewLoader.CreateGroupStreamingSource(ml.Data.LoadFromEnumerable(interleaved), Options(streamed: true), maxGroupSize: 4);
        // The source reads one row ahead (the row that ends group 8 is the out-of-order row 4), so the first batch fails.
        var order = Assert.ThrowsExactly<InvalidOperationException>(() => Next(source, 2));
        StringAssert.Contains(order.Message, "The group column 'Query' at row 4 is group 7 after group 8");
        var none = Assert.ThrowsExactly<ArgumentException>(() => DataViewLoader.CreateGroupStreamingSource(ml.Data.LoadFromEnumerable(Rows()), new DataOptions(), 4));
        StringAssert.Contains(none.Message, "GroupColumnName");
    }

    [TestMethod]
    public void GroupSplitsKeepWholeGroups()
    {
        // 40 groups of 1-4 rows.
        var groups = new List<uint>();
        for (uint g = 1; g <= 40; g++)
            groups.AddRange(Enumerable.Repeat(g, 1 + (int)(g % 4)));
        int n = groups.Count;
        var data = new InMemoryDataset(TestArrays.Normal(n, 1), 1, new float[n], groups: [.. groups]);
        (int[] train, int[] validation) = DataSplit.SplitByGroup(data, 0.25f, seed: 4);
        Assert.AreEqual(n, train.Length + validation.Length);
        uint[] trainGroups = [.. train.Select(r => groups[r]).Distinct()];
        uint[] validationGroups = [.. validation.Select(r => groups[r]).Distinct()];
        Assert.AreEqual(10, validationGroups.Length, "round(0.25 × 40) groups");
        Assert.IsFalse(trainGroups.Intersect(validationGroups).Any(), "no group is split");
        foreach (uint g in validationGroups)
            Assert.AreEqual(groups.Count(x => x == g), validation.Count(r => groups[r] == g), $"group {g} is whole");
        CollectionAssert.AreEqual(validation, DataSplit.SplitByGroup(data, 0.25f, seed: 4).Validation, "deterministic per seed");
        CollectionAssert.AreNotEqual(validation, DataSplit.SplitByGroup(data, 0.25f, seed: 5).Validation);
        var part = new InMemoryGroupBatchSource(data.Subset(validation), shuffle: false);
        Assert.AreEqual(10, part.GroupCount);
    }

    [TestMethod]
    public void PaddingRowsDoNotChangeTheLossOrTheGradient()
    {
        // The padded batch of groups 7 and 8 (mask as weights) against the four real rows alone.
        var ml = new MLContext(0);
        InMemoryDataset data = DataViewLoader.LoadInMemory(ml.Data.LoadFromEnumerable(Rows()), Options());
        var source = new InMemoryGroupBatchSource(data, shuffle: false);
        var x = new float[3 * 3 * 2];
        var y = new float[3 * 3];
        var mask = new float[3 * 3];
        int groups = source.NextBatch(2, x, y, mask, out int slots);
        int rows = groups * slots;
        Sequential network = MultiLayerPerceptron.Create(2, [4], 3, Activation.Tanh, seed: 2);
        var loss = new SoftmaxCrossEntropyLoss();
        float[] padded = network.Forward(x, rows, training: false).ToArray();
        var paddedGradient = new float[rows * 3];
        double paddedLoss = loss.Compute(KernelBackends.Default, padded, y, mask.AsSpan(0, rows), rows, 3, paddedGradient);

        float[] realX = [1, 2, 3, 4, 5, 6, 7, 8];
        float[] realY = [2, 0, 1, 1];
        float[] realW = [1, 2, 0.5f, 1];
        float[] real = network.Forward(realX, 4, training: false).ToArray();
        var realGradient = new float[4 * 3];
        double realLoss = loss.Compute(KernelBackends.Default, real, realY, realW, 4, 3, realGradient);
        Assert.AreEqual(realLoss, paddedLoss, 1e-7);
        CollectionAssert.AreEqual(realGradient, paddedGradient.Take(12).ToArray());
        Assert.IsTrue(paddedGradient.Skip(12).All(g => g == 0f));
    }

    [TestMethod]
    public void ZeroWeightRowsDoNotChangeTraining()
    {
        (float[] x, float[] y) = TestArrays.LinearProblem(64, 3, 4);
        float[] noise = TestArrays.Normal(16 * 3, 5, 10f);
        float[] xPlus = [.. x, .. noise];
        float[] yPlus = [.. y, .. Enumerable.Repeat(1f, 16)];
        float[] wPlus = [.. Enumerable.Repeat(1f, 64), .. new float[16]];
        Sequential Train(InMemoryDataset data, int batch)
        {
            Sequential network = MultiLayerPerceptron.Create(3, [4], 1, Activation.Tanh, seed: 7);
            new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
            {
                Epochs = 5, BatchSize = batch, LearningRate = 1e-2f, BatchOrder = BatchOrder.Sequential,
            }).Fit(data);
            return network;
        }
        Sequential plain = Train(new InMemoryDataset(x, 3, y), 64);
        Sequential weighted = Train(new InMemoryDataset(xPlus, 3, yPlus, weights: wPlus), 80);
        float[] a = plain.Parameters.ToArray(), b = weighted.Parameters.ToArray();
        for (int i = 0; i < a.Length; i++)
            Assert.AreEqual(a[i], b[i], 1e-5f, $"parameter {i}");
        Sequential unweighted = Train(new InMemoryDataset(xPlus, 3, yPlus), 80);
        Assert.IsGreaterThan(1e-3f, Math.Abs(unweighted.Parameters[0] - a[0]), "the extra rows matter when they weigh 1");
    }

    [TestMethod]
    public void WeightedDataNeedsALossThatTakesWeights()
    {
        var data = new InMemoryDataset([1, 2, 3, 4], 2, [0, 1], weights: [1, 2]);
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(2, [], 1), new IgnoringLoss());
        var e = Assert.ThrowsExactly<ArgumentException>(() => trainer.Fit(data));
        StringAssert.Contains(e.Message, "row weights");
        StringAssert.Contains(e.Message, "Ignoring");
    }

    private sealed class IgnoringLoss : Loss
    {
        public override string Name => "Ignoring";

        protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
            int rows, int outputSize, Span<float> outputGradient)
        {
            outputGradient.Clear();
            return 0;
        }
    }
}
