using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Schedules;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Training;

[TestClass]
public sealed class AllocationTests
{
    private const int MeasuredSteps = 60;

    /// <summary>The engine's contract: steady-state steps (batch gather + forward + loss + backward + clipping + schedule +
    /// Adam) allocate nothing, kernel calls included.</summary>
    [TestMethod]
    [DataRow("scalar", false)]
    [DataRow("scalar", true)]
    [DataRow("default", false)]
    [DataRow("default", true)]
    public void SteadyStateStepsAllocateNothing(string backendName, bool richNetwork)
    {
        // One thread: multi-threaded kernels may allocate work items (the kernel layer's concern).
        KernelBackend backend = (backendName == "scalar" ? KernelBackends.Scalar : KernelBackends.Default).WithMaxThreads(1);
        long per100Gemms = BytesPer100Gemms(backend);
        int batch = backendName == "scalar" ? 64 : 256;
        int[] hidden = backendName == "scalar" ? [32, 16] : [128, 64];
        long allocated = AllocatedBySteps(backend, richNetwork, batch, hidden);
        Assert.AreEqual(0L, per100Gemms, "bytes allocated by 100 bare GEMM calls");
        Assert.AreEqual(0L, allocated, $"bytes allocated by {MeasuredSteps} steady-state steps");
    }

    private static long AllocatedBySteps(KernelBackend backend, bool richNetwork, int batch, int[] hidden)
    {
        var (x, y) = TestArrays.LinearProblem(8 * batch, 50, 1);
        var data = new InMemoryDataset(x, 50, y);
        Sequential network = richNetwork
            ? MultiLayerPerceptron.Create(50, hidden, 1, Activation.Gelu, seed: 1, dropoutRate: 0.1f, layerNorm: true, backend: backend)
            : MultiLayerPerceptron.Create(50, hidden, 1, Activation.Relu, seed: 1, backend: backend);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { BatchSize = batch, GradientClipNorm = 5f, Schedule = new CosineSchedule(10) });
        var source = new InMemoryBatchSource(data, BatchOrder.Stratified, 3);
        var steps = new SteadySteps(trainer, source, batch, 50);

        steps.Run(150);
        return CleanRound.Bytes(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            steps.Run(MeasuredSteps);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
    }

    /// <summary>Weighted steps (weights gathered with the batch, the weighted loss) allocate nothing either.</summary>
    [TestMethod]
    public void WeightedSteadyStateStepsAllocateNothing()
    {
        KernelBackend backend = KernelBackends.Default.WithMaxThreads(1);
        const int batch = 256;
        var (x, y) = TestArrays.LinearProblem(8 * batch, 50, 1);
        float[] w = TestArrays.Uniform(8 * batch, 2, 0f, 3f);
        var data = new InMemoryDataset(x, 50, y, weights: w);
        Sequential network = MultiLayerPerceptron.Create(50, [128, 64], 1, Activation.Relu, seed: 1, backend: backend);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions { BatchSize = batch });
        var source = new InMemoryBatchSource(data, BatchOrder.Stratified, 3);
        var steps = new SteadySteps(trainer, source, batch, 50, weighted: true);
        steps.Run(150);
        long allocated = CleanRound.Bytes(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            steps.Run(MeasuredSteps);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.AreEqual(0L, allocated, $"bytes allocated by {MeasuredSteps} weighted steps");
    }

    private static long BytesPer100Gemms(KernelBackend backend)
    {
        float[] a = new float[64 * 64], b = new float[64 * 64], c = new float[64 * 64];
        for (int i = 0; i < 50; i++)
            backend.Gemm(false, false, 64, 64, 64, 1f, a, 64, b, 64, 0f, c, 64);
        return CleanRound.Bytes(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
                backend.Gemm(false, false, 64, 64, 64, 1f, a, 64, b, 64, 0f, c, 64);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
    }
}
