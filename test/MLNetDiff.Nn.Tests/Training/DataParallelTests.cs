using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Schedules;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Training;

/// <summary>Data-parallel steps: the shard plan depends on the batch rows only, so weights are bit-identical for any
/// thread count; sharding matches unsharded training up to rounding; dropout masks ignore sharding.</summary>
[TestClass]
public sealed class DataParallelTests
{
    private static KernelBackend? Backend(string name) => name switch
    {
        "managed" => KernelBackends.Managed,
        "native" => KernelBackends.Native,
        _ => KernelBackends.Scalar,
    };

    private static (float[] Weights, double Loss) Train(KernelBackend backend, int threads, int shards, bool rich,
        int batch = 1024, int rows = 5000, Loss? loss = null, int outputs = 1, int seed = 9)
    {
        var (x, y) = TestArrays.LinearProblem(rows, 20, 4);
        if (outputs > 1)
        {
            for (int i = 0; i < y.Length; i++)
                y[i] = i % outputs;
        }
        var data = new InMemoryDataset(x, 20, y);
        Sequential network = rich
            ? MultiLayerPerceptron.Create(20, [48, 24], outputs, Activation.Gelu, seed: 3, dropoutRate: 0.2f, layerNorm: true, backend: backend)
            : MultiLayerPerceptron.Create(20, [48, 24], outputs, Activation.Relu, seed: 3, backend: backend);
        var trainer = new NetworkTrainer(network, loss ?? new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 3,
            BatchSize = batch,
            Seed = seed,
            LearningRate = 1e-2f,
            GradientClipNorm = 1f,
            Schedule = new CosineSchedule(warmupSteps: 2),
            DataParallelShards = shards,
            BatchOrder = BatchOrder.Shuffled,
            MaxThreads = threads,
        });
        Assert.AreEqual(threads, network.Backend.MaxThreads, "the fit's budget is the network backend's view");
        TrainingResult result = trainer.Fit(data);
        return (network.Parameters.ToArray(), result.Epochs[^1].TrainLoss);
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    [TestMethod]
    [DataRow("managed", false)]
    [DataRow("managed", true)]
    [DataRow("native", false)]
    [DataRow("native", true)]
    [DataRow("scalar", true)]
    public void OneAndTwoThreadsGiveBitIdenticalWeights(string backendName, bool rich)
    {
        KernelBackend? backend = Backend(backendName);
        if (backend is null)
            Assert.Inconclusive($"The native backend is unavailable: {KernelBackends.NativeUnavailableReason}");
        var one = Train(backend, 1, 2, rich);
        var two = Train(backend, 2, 2, rich);
        CollectionAssert.AreEqual(Bits(one.Weights), Bits(two.Weights));
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(two.Loss));
        // More shards than threads: still independent of the thread count.
        CollectionAssert.AreEqual(Bits(Train(backend, 1, 4, rich, batch: 2048).Weights),
            Bits(Train(backend, 2, 4, rich, batch: 2048).Weights));
    }

    /// <summary>A sweep fits several trainers over one shared backend at once: each fit has its own thread budget (a view),
    /// so concurrent fits give exactly the weights each gives alone, and the shared backend is untouched. (When the
    /// trainers set and restored the shared backend's MaxThreads, two fits at once could leave it at 1.)</summary>
    [TestMethod]
    [DataRow("managed")]
    [DataRow("native")]
    [DataRow("scalar")]
    public void ConcurrentFitsGiveTheSameWeightsAsEachAlone(string backendName)
    {
        KernelBackend? backend = Backend(backendName);
        if (backend is null)
            Assert.Inconclusive($"The native backend is unavailable: {KernelBackends.NativeUnavailableReason}");
        int before = backend.MaxThreads;
        (int Threads, int Seed)[] fits = [(2, 9), (1, 10), (2, 11)];
        float[][] alone = Array.ConvertAll(fits, f => Train(backend, f.Threads, 2, rich: true, rows: 3000, seed: f.Seed).Weights);
        for (int round = 0; round < 3; round++)
        {
            var results = new float[fits.Length][];
            var threads = new System.Threading.Thread[fits.Length];
            Exception? error = null;
            for (int i = 0; i < fits.Length; i++)
            {
                int index = i;
                threads[i] = new System.Threading.Thread(() =>
                {
                    try
                    {
                        results[index] = Train(backend, fits[index].Threads, 2, rich: true, rows: 3000, seed: fits[index].Seed).Weights;
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                });
                threads[i].Start();
            }
            foreach (System.Threading.Thread thread in threads)
                thread.Join();
            if (error is not null)
                throw new AssertFailedException($"a concurrent fit failed: {error}", error);
            for (int i = 0; i < fits.Length; i++)
                CollectionAssert.AreEqual(Bits(alone[i]), Bits(results[i]), $"fit {i} (budget {fits[i].Threads}), round {round}");
            Assert.AreEqual(before, backend.MaxThreads, "the shared backend's budget");
        }
        Assert.AreEqual(before, Backend(backendName)!.MaxThreads);
    }

    [TestMethod]
    public void ThreadBudgetOptionMakesAViewAndIsValidated()
    {
        KernelBackend shared = KernelBackends.Managed;
        int before = shared.MaxThreads;
        Sequential network = MultiLayerPerceptron.Create(4, [8], 1, Activation.Relu, seed: 1, backend: shared);
        _ = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss());
        Assert.AreSame(shared, network.Backend, "no budget: the network keeps its backend");
        _ = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions { MaxThreads = 3 });
        Assert.AreEqual(3, network.Backend.MaxThreads);
        Assert.AreEqual(shared.Kind, network.Backend.Kind);
        Assert.AreEqual(before, shared.MaxThreads, "the shared backend's budget");

        // A sharded two-thread step restores the network's backend (its concurrent shards run on a half-budget view).
        KernelBackend two = shared.WithMaxThreads(2);
        network.Backend = two;
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss());
        var (x, y) = TestArrays.LinearProblem(1024, 4, 1);
        trainer.TrainStep(x, y, 1024);
        Assert.AreSame(two, network.Backend);

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingOptions { MaxThreads = 0 }.Validate());
        Assert.AreEqual(nameof(TrainingOptions.MaxThreads), e.ParamName);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ShardedTrainingMatchesUnshardedUpToRounding(bool rich)
    {
        KernelBackend backend = KernelBackends.Managed;
        var sharded = Train(backend, 2, 2, rich);
        var whole = Train(backend, 2, 1, rich);
        Assert.AreEqual(whole.Loss, sharded.Loss, 1e-3 * Math.Abs(whole.Loss) + 1e-5);
        for (int i = 0; i < whole.Weights.Length; i++)
            Assert.AreEqual(whole.Weights[i], sharded.Weights[i], 2e-3 + 2e-3 * Math.Abs(whole.Weights[i]), $"parameter {i}");
        CollectionAssert.AreNotEqual(Bits(whole.Weights), Bits(sharded.Weights), "a 1024-row batch should be sharded");
    }

    [TestMethod]
    public void SoftmaxAndMseShardToo()
    {
        KernelBackend backend = KernelBackends.Managed;
        var softmax = Train(backend, 2, 2, false, loss: new SoftmaxCrossEntropyLoss(), outputs: 3);
        var softmaxWhole = Train(backend, 2, 1, false, loss: new SoftmaxCrossEntropyLoss(), outputs: 3);
        Assert.AreEqual(softmaxWhole.Loss, softmax.Loss, 1e-3 * Math.Abs(softmaxWhole.Loss));
        CollectionAssert.AreEqual(Bits(softmax.Weights),
            Bits(Train(backend, 1, 2, false, loss: new SoftmaxCrossEntropyLoss(), outputs: 3).Weights));
        var mse = Train(backend, 2, 2, false, loss: new MeanSquaredErrorLoss());
        CollectionAssert.AreEqual(Bits(mse.Weights), Bits(Train(backend, 1, 2, false, loss: new MeanSquaredErrorLoss()).Weights));
    }

    [TestMethod]
    public void ShardPlanDependsOnRowsOnly()
    {
        Sequential network = MultiLayerPerceptron.Create(4, [8], 1, Activation.Relu, seed: 1);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss());
        Assert.AreEqual(1, trainer.ShardCount(NetworkTrainer.MinRowsPerShard));
        Assert.AreEqual(1, trainer.ShardCount(2 * NetworkTrainer.MinRowsPerShard - 1));
        Assert.AreEqual(2, trainer.ShardCount(2 * NetworkTrainer.MinRowsPerShard));
        Assert.AreEqual(2, trainer.ShardCount(100_000));
        var off = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions { DataParallelShards = 1 });
        Assert.AreEqual(1, off.ShardCount(100_000));
        var weighted = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss([1f, 2f]));
        Assert.AreEqual(1, weighted.ShardCount(100_000), "weighted softmax normalises by the batch's weight sum");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingOptions { DataParallelShards = 0 }.Validate());
    }

    [TestMethod]
    public void DropoutMaskOfARowDoesNotDependOnSharding()
    {
        var layer = new Dropout(7, 0.5f);
        const int rows = 10, split = 4;
        float[] x = new float[rows * 7];
        Array.Fill(x, 1f);
        float[] whole = new float[x.Length], first = new float[split * 7], second = new float[(rows - split) * 7];
        KernelBackend backend = KernelBackends.Default;
        layer.Forward(new LayerContext(backend, true, 11, 5), rows, default, x, whole, new float[x.Length]);
        layer.Forward(new LayerContext(backend, true, 11, 5, 0), split, default, x, first, new float[first.Length]);
        layer.Forward(new LayerContext(backend, true, 11, 5, split), rows - split, default, x, second, new float[second.Length]);
        CollectionAssert.AreEqual(whole, (float[])[.. first, .. second]);
    }

    [TestMethod]
    [DataRow("managed")]
    [DataRow("native")]
    public void TwoThreadStepsAllocateNothing(string backendName)
    {
        KernelBackend? backend = Backend(backendName);
        if (backend is null)
            Assert.Inconclusive($"The native backend is unavailable: {KernelBackends.NativeUnavailableReason}");
        backend = backend.WithMaxThreads(2);
        const int batch = 1024;
        var (x, y) = TestArrays.LinearProblem(4 * batch, 50, 1);
        var data = new InMemoryDataset(x, 50, y);
        Sequential network = MultiLayerPerceptron.Create(50, [128, 64], 1, Activation.Gelu, seed: 1, dropoutRate: 0.1f,
            layerNorm: true, backend: backend);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { BatchSize = batch, GradientClipNorm = 5f });
        var source = new InMemoryBatchSource(data, BatchOrder.Stratified, 3);
        var steps = new SteadySteps(trainer, source, batch, 50);

        steps.Run(60);
        // Other threads of the test host allocate now and then: count the two threads that run the steps.
        long main = 0, worker = 0;
        CleanRound.Bytes(() =>
        {
            long mainBefore = GC.GetAllocatedBytesForCurrentThread();
            long workerBefore = ShardWorker.AllocatedBytes, jobsBefore = ShardWorker.JobCount;
            steps.Run(40);
            main = GC.GetAllocatedBytesForCurrentThread() - mainBefore;
            worker = ShardWorker.AllocatedBytes - workerBefore;
            Assert.AreEqual(40L, ShardWorker.JobCount - jobsBefore, "steps that ran a shard on the worker thread");
            return main + worker;
        });
        Assert.AreEqual(0L, main, "bytes allocated by 40 steady-state two-thread steps on the calling thread");
        Assert.AreEqual(0L, worker, "bytes allocated by 40 steady-state two-thread steps on the shard worker");
    }
}
