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
public sealed class DeterminismTests
{
    private static float[] Train(int seed, KernelBackend backend)
    {
        var (x, y) = TestArrays.LinearProblem(600, 10, 3);
        var data = new InMemoryDataset(x, 10, y);
        Sequential network = MultiLayerPerceptron.Create(10, [16, 8], 1, Activation.Relu, seed: (ulong)seed,
            dropoutRate: 0.1f, layerNorm: true, backend: backend);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 4,
            BatchSize = 32,
            Seed = seed,
            ValidationFraction = 0.2f,
            GradientClipNorm = 1f,
            Schedule = new CosineSchedule(warmupSteps: 5),
        });
        trainer.Fit(data);
        return network.Parameters.ToArray();
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    [TestMethod]
    public void SameSeedGivesBitIdenticalWeights()
    {
        KernelBackend backend = KernelBackends.Default;
        CollectionAssert.AreEqual(Bits(Train(5, backend)), Bits(Train(5, backend)));
    }

    [TestMethod]
    public void SameSeedGivesBitIdenticalWeightsOnTheScalarBackend() =>
        CollectionAssert.AreEqual(Bits(Train(5, KernelBackends.Scalar)), Bits(Train(5, KernelBackends.Scalar)));

    [TestMethod]
    public void DifferentSeedGivesDifferentWeights() =>
        CollectionAssert.AreNotEqual(Bits(Train(5, KernelBackends.Default)), Bits(Train(6, KernelBackends.Default)));

    [TestMethod]
    public void BackendsAgreeWithinTolerance()
    {
        float[] managed = Train(5, KernelBackends.Managed);
        float[] scalar = Train(5, KernelBackends.Scalar);
        for (int i = 0; i < managed.Length; i++)
            Assert.AreEqual(scalar[i], managed[i], 2e-3 + 2e-3 * Math.Abs(scalar[i]), $"parameter {i}");
    }
}
