using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Diagnostics;

[TestClass]
public sealed class TrainingBenchmarkTests
{
    [TestMethod]
    public void MeasuresStepsAndRows()
    {
        var (x, y) = TestArrays.LinearProblem(1000, 50, 2);
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(50, [128, 64], 1), new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { BatchSize = 256 });
        ThroughputResult result = TrainingBenchmark.Run(trainer, new InMemoryDataset(x, 50, y), steps: 12, warmupSteps: 2);
        Assert.AreEqual(12, result.Steps);
        Assert.AreEqual(12 / 4 * 1000, result.Rows);
        Assert.IsGreaterThan(0, result.SamplesPerSecond);
        Assert.AreEqual(14, trainer.Step);
    }
}
