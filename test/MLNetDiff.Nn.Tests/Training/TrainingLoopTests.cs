using System;
using System.IO;
using System.Threading;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Training;

[TestClass]
public sealed class TrainingLoopTests
{
    private static InMemoryDataset Linear(int rows = 800, int features = 8, int seed = 1)
    {
        var (x, y) = TestArrays.LinearProblem(rows, features, seed);
        return new InMemoryDataset(x, features, y);
    }

    [TestMethod]
    public void CancellationIsHonouredWithinOneBatch()
    {
        Sequential network = MultiLayerPerceptron.Create(8, [8], 1);
        using var cts = new CancellationTokenSource();
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { Epochs = 50, BatchSize = 16, ProgressInterval = 1 });
        long cancelledAt = -1;
        var progress = new SyncProgress(p =>
        {
            if (p.Step == 7 && cancelledAt < 0)
            {
                cancelledAt = p.Step;
                cts.Cancel();
            }
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(Linear(), null, progress, cts.Token));
        Assert.AreEqual(7, cancelledAt);
        Assert.IsLessThanOrEqualTo(cancelledAt + 1, trainer.Step, "at most one more batch may run after cancellation");
    }

    [TestMethod]
    public void AlreadyCancelledTokenRunsNoBatch()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(8, [4], 1), new BinaryCrossEntropyWithLogitsLoss());
        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(Linear(), cancellationToken: new CancellationToken(true)));
        Assert.AreEqual(0, trainer.Step);
    }

    [TestMethod]
    public void EarlyStoppingStopsAndRestoresTheBestWeights()
    {
        // Pure-noise labels: a wide network with a large learning rate overfits, so validation loss rises after a few epochs.
        float[] x = TestArrays.Normal(300 * 10, 4);
        float[] y = TestArrays.BinaryLabels(300, 5, 0.5);
        var data = new InMemoryDataset(x, 10, y);
        Sequential network = MultiLayerPerceptron.Create(10, [64, 64], 1, seed: 3);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 200,
            BatchSize = 16,
            LearningRate = 1e-2f,
            ValidationFraction = 0.3f,
            EarlyStoppingPatience = 3,
            Seed = 2,
        });
        TrainingResult result = trainer.Fit(data);
        Assert.IsTrue(result.StoppedEarly);
        Assert.IsLessThan(200, result.EpochsCompleted);
        Assert.AreEqual(result.BestEpoch + 3 + 2, result.EpochsCompleted, "patience 3 tolerates 3 epochs without improvement and stops at the 4th");
        double best = double.MaxValue;
        int argBest = -1;
        foreach (EpochSummary epoch in result.Epochs)
        {
            if (epoch.ValidationLoss!.Value < best)
            {
                best = epoch.ValidationLoss.Value;
                argBest = epoch.Epoch;
            }
        }
        Assert.AreEqual(argBest, result.BestEpoch);
        Assert.IsTrue(result.RestoredBestWeights);

        // The restored weights reproduce the best epoch's validation loss exactly.
        var (_, validationRows) = DataSplit.Split(data, 0.3f, 2);
        var (restoredLoss, _) = trainer.Evaluate(new InMemoryBatchSource(data, BatchOrder.Sequential, 0, validationRows));
        Assert.AreEqual(best, restoredLoss);
    }

    [TestMethod]
    public void CustomMetricDrivesEarlyStoppingAndReports()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(8, [8], 1), new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 30,
            BatchSize = 32,
            LearningRate = 1e-2f,
            ValidationFraction = 0.25f,
            EarlyStoppingPatience = 2,
            ValidationMetric = ValidationMetric.BinaryAccuracy,
        });
        int epochReports = 0;
        TrainingResult result = trainer.Fit(Linear(), progress: new SyncProgress(p =>
        {
            if (p.IsEpochEnd)
            {
                epochReports++;
                Assert.IsNotNull(p.ValidationMetric);
                Assert.IsGreaterThan(0, p.RowsPerSecond);
            }
        }));
        Assert.AreEqual(result.EpochsCompleted, epochReports);
        Assert.IsGreaterThan(0.9, result.BestValidationScore!.Value);
    }

    [TestMethod]
    [DataRow("Epochs", 0)]
    [DataRow("BatchSize", 1)]
    [DataRow("LearningRate", 2)]
    [DataRow("EarlyStoppingPatience", 3)]
    [DataRow("ValidationFraction", 4)]
    [DataRow("ValidationFraction", 5)]
    [DataRow("Momentum", 6)]
    public void InvalidOptionsAreRejectedByName(string option, int variant)
    {
        var options = new TrainingOptions();
        switch (variant)
        {
            case 0: options.Epochs = 0; break;
            case 1: options.BatchSize = 0; break;
            case 2: options.LearningRate = -0.1f; break;
            case 3: options.EarlyStoppingPatience = -1; break;
            case 4: options.ValidationFraction = 1f; break;
            case 5: options.ValidationFraction = -0.5f; break;
            default: options.Momentum = 1f; break;
        }
        var e = Assert.Throws<ArgumentException>(() =>
            new NetworkTrainer(MultiLayerPerceptron.Create(2, [], 1), new BinaryCrossEntropyWithLogitsLoss(), options));
        Assert.AreEqual(option, e.ParamName);
        StringAssert.Contains(e.Message, option);
    }

    [TestMethod]
    public void EarlyStoppingWithoutValidationDataIsRejected()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(8, [], 1), new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { EarlyStoppingPatience = 2 });
        var e = Assert.ThrowsExactly<ArgumentException>(() => trainer.Fit(Linear()));
        Assert.AreEqual("EarlyStoppingPatience", e.ParamName);
    }

    [TestMethod]
    public void ShapeMismatchesAreRejected()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(5, [], 1), new BinaryCrossEntropyWithLogitsLoss());
        var e = Assert.ThrowsExactly<ArgumentException>(() => trainer.Fit(Linear()));
        StringAssert.Contains(e.Message, "8 features per row but the network expects 5");
    }

    [TestMethod]
    public void BadDataThroughFitNamesColumnAndRow()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(4, [], 1), new BinaryCrossEntropyWithLogitsLoss());
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => trainer.Fit(new SyntheticDataView(100, 4, 1, nanRow: 42)));
        StringAssert.Contains(e.Message, "feature column 'Features' at row 42");
        StringAssert.Contains(e.Message, "row 42");
        var streaming = new NetworkTrainer(MultiLayerPerceptron.Create(4, [], 1), new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { Data = new DataOptions { CacheLimitBytes = 0 } });
        e = Assert.ThrowsExactly<InvalidOperationException>(() => streaming.Fit(new SyntheticDataView(100, 4, 1, nanRow: 42)));
        StringAssert.Contains(e.Message, "row 42");
    }

    [TestMethod]
    public void WrongLabelTypeAndMissingColumnThroughFit()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(4, [], 1), new BinaryCrossEntropyWithLogitsLoss());
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            trainer.Fit(new SyntheticDataView(10, 4, 1, labelType: NumberDataViewType.Double)));
        StringAssert.Contains(e.Message, "label column 'Label'");
        var missing = new NetworkTrainer(MultiLayerPerceptron.Create(4, [], 1), new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { Data = new DataOptions { FeatureColumnName = "X" } });
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => missing.Fit(new SyntheticDataView(10, 4, 1)));
        StringAssert.Contains(e.Message, "'X'");
    }

    [TestMethod]
    public void MulticlassFromKeyLabelsTrains()
    {
        // Three Gaussian blobs in 2-D, labels as keys.
        var context = new MLContext(0);
        float[] x = TestArrays.Normal(600 * 2, 8, 0.5f);
        var rowsList = new System.Collections.Generic.List<BlobRow>();
        for (int i = 0; i < 600; i++)
        {
            int c = i % 3;
            rowsList.Add(new BlobRow { Features = [x[2 * i] + 3 * (c == 1 ? 1 : 0), x[2 * i + 1] + 3 * (c == 2 ? 1 : 0)], Label = "c" + c });
        }
        IDataView raw = context.Data.LoadFromEnumerable(rowsList);
        IDataView keyed = context.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        Sequential network = MultiLayerPerceptron.Create(2, [16], 3, seed: 4);
        var trainer = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(), new TrainingOptions
        {
            Epochs = 20,
            BatchSize = 32,
            LearningRate = 1e-2f,
            ValidationFraction = 0.2f,
            ValidationMetric = ValidationMetric.MulticlassAccuracy,
        });
        TrainingResult result = trainer.Fit(keyed);
        Assert.IsGreaterThan(0.9, result.Epochs[^1].ValidationMetric!.Value);
    }

    [TestMethod]
    public void SgdAndStepDecayTrain()
    {
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(8, [8], 1), new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 10,
            BatchSize = 32,
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.1f,
            Momentum = 0.9f,
            Nesterov = true,
            Schedule = new MLNetDiff.Nn.Schedules.StepDecaySchedule(3, 0.5f),
        });
        TrainingResult result = trainer.Fit(Linear());
        Assert.IsLessThan(0.3, result.Epochs[^1].TrainLoss);
        Assert.AreEqual(0.1f * 0.125f, trainer.LearningRate, 1e-7f);
    }

    [TestMethod]
    public void DivergenceIsReported()
    {
        float[] x = TestArrays.Normal(200 * 4, 1, 1e3f);
        float[] y = TestArrays.Normal(200, 2, 1e3f);
        var trainer = new NetworkTrainer(MultiLayerPerceptron.Create(4, [32], 1), new MeanSquaredErrorLoss(), new TrainingOptions
        {
            Epochs = 50,
            Optimizer = OptimizerKind.Sgd,
            Momentum = 0.9f,
            LearningRate = 10f,
        });
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => trainer.Fit(new InMemoryDataset(x, 4, y)));
        StringAssert.Contains(e.Message, "diverged");
    }

    private sealed class BlobRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }
}
