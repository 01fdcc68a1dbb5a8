using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Training;

[TestClass]
public sealed class StreamingTrainingTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>2,000,000 generated rows × 16 features (128 MB as dense floats, never materialised) train one epoch with the
    /// cache disabled; the managed heap must stay far below the data size and allocations per row must be tiny.</summary>
    [TestMethod]
    public void TwoMillionRowsStreamWithBoundedMemory()
    {
        const long rows = 2_000_000;
        const int features = 16;
        var view = new SyntheticDataView(rows, features, 7);
        Sequential network = MultiLayerPerceptron.Create(features, [8], 1, Activation.Relu, seed: 1);
        var options = new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 4096,
            LearningRate = 1e-2f,
            ProgressInterval = 20,
            Data = new DataOptions { CacheLimitBytes = 0, ShuffleBufferRows = 8192 },
        };
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), options);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long peak = baseline, peakHeap = 0;
        int reports = 0;
        var progress = new SyncProgress(p =>
        {
            reports++;
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        });
        TrainingResult result = trainer.Fit(view, progress: progress);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        TestContext.WriteLine($"{result.TrainRows:N0} rows in {result.Elapsed.TotalSeconds:F2} s ({result.RowsPerSecond:N0} rows/s); " +
            $"heap growth peak {(peak - baseline) / 1e6:F1} MB, GC heap size peak {peakHeap / 1e6:F1} MB, allocated {allocated / 1e6:F2} MB " +
            $"({(double)allocated / rows:F3} B/row), {reports} reports, loss {result.Epochs[0].TrainLoss:F4}");
        Assert.AreEqual(rows, result.TrainRows);
        Assert.IsGreaterThanOrEqualTo(24, reports); // 489 steps / 20 + the epoch end
        Assert.IsLessThan(32L << 20, peak - baseline, "managed heap growth must stay far below the 128 MB of data");
        Assert.IsLessThan(4.0, (double)allocated / rows, "bytes allocated per streamed row");
        Assert.IsLessThan(0.5, result.Epochs[0].TrainLoss, "the model learns label = 1[Σx > 0]");
    }

    /// <summary>The one reader's streamed path with a weight column: 1,000,000 generated rows (a 3,000-row shuffle buffer,
    /// 333× smaller) train one weighted epoch; heap growth stays bounded by buffer + batch, not by the 72 MB of rows.</summary>
    [TestMethod]
    public void WeightedRowsStreamWithBoundedMemory()
    {
        const long rows = 1_000_000;
        const int features = 16;
        var view = new SyntheticDataView(rows, features, 9, weighted: true);
        Sequential network = MultiLayerPerceptron.Create(features, [8], 1, Activation.Relu, seed: 1);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 2048,
            LearningRate = 1e-2f,
            ProgressInterval = 10,
            Data = new DataOptions { CacheLimitBytes = 0, ShuffleBufferRows = 3000, WeightColumnName = "Weight" },
        });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        var progress = new SyncProgress(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)));
        TrainingResult result = trainer.Fit(view, progress: progress);
        TestContext.WriteLine($"{result.TrainRows:N0} weighted rows, heap growth peak {(peak - baseline) / 1e6:F1} MB, loss {result.Epochs[0].TrainLoss:F4}");
        Assert.AreEqual(rows, result.TrainRows);
        // Buffer 3,000 × (16 + 1 + 1) floats ≈ 0.2 MB, batch 2,048 × 18 floats ≈ 0.15 MB; 16 MB leaves room for the GC's
        // own slack but is far below the 72 MB of dense rows.
        Assert.IsLessThan(16L << 20, peak - baseline, "managed heap growth must stay far below the data size");
        Assert.IsLessThan(0.5, result.Epochs[0].TrainLoss, "the weighted model learns label = 1[Σx > 0]");
    }

    [TestMethod]
    public void StreamingWithValidationSplitAndEarlyStopping()
    {
        var view = new SyntheticDataView(20_000, 6, 8);
        Sequential network = MultiLayerPerceptron.Create(6, [8], 1, seed: 2);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 3,
            BatchSize = 256,
            LearningRate = 1e-2f,
            ValidationFraction = 0.1f,
            EarlyStoppingPatience = 5,
            ValidationMetric = ValidationMetric.BinaryAccuracy,
            Data = new DataOptions { CacheLimitBytes = 0, ShuffleBufferRows = 1000 },
        });
        TrainingResult result = trainer.Fit(view);
        Assert.AreEqual(3, result.EpochsCompleted);
        long trainRows = result.Epochs[0].Rows;
        Assert.AreEqual(18_000, trainRows, 400);
        Assert.IsGreaterThan(0.9, result.Epochs[^1].ValidationMetric!.Value);
    }
}
