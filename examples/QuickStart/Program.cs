using System;
using System.Globalization;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Training;

// Quick start: train an MLP with the MLNetDiff engine on UCI Spambase (bundled), print accuracy and throughput.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string path = Path.Combine(AppContext.BaseDirectory, "data", "spambase", "spambase.csv");
var ml = new MLContext(seed: 1);
IDataView all = ml.Data.CreateTextLoader(new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    Columns = [new TextLoader.Column("Label", DataKind.Single, 0), new TextLoader.Column("Features", DataKind.Single, 1, 57)],
}).Load(path);
var split = ml.Data.TrainTestSplit(all, testFraction: 0.2, seed: 42);
var normalizer = ml.Transforms.NormalizeMeanVariance("Features").Fit(split.TrainSet);
IDataView train = normalizer.Transform(split.TrainSet), test = normalizer.Transform(split.TestSet);

KernelBackend backend = KernelBackends.Default;
Console.WriteLine($"Kernel backend: {backend.Description}");

// 57-64-32-1 ReLU MLP, Adam, BCE-with-logits, early stopping on a 10% validation split of the training part.
Sequential network = MultiLayerPerceptron.Create(57, [64, 32], 1, Activation.Relu, seed: 1, backend: backend);
var options = new TrainingOptions
{
    Epochs = 60,
    BatchSize = 64,
    LearningRate = 1e-3f,
    Seed = 1,
    ValidationFraction = 0.1f,
    EarlyStoppingPatience = 8,
    ValidationMetric = ValidationMetric.BinaryAccuracy,
};
var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), options);
TrainingResult result = trainer.Fit(train);
Console.WriteLine($"Trained {result.EpochsCompleted} epochs (best {result.BestEpoch}) in {result.Elapsed.TotalSeconds:F2} s, " +
                  $"{result.RowsPerSecond / 1e3:F0}k rows/s including data loading and validation");

// Accuracy on the held-out 20%: Score > 0 is the positive decision.
InMemoryDataset testData = DataViewLoader.LoadInMemory(test);
var scores = new float[testData.RowCount];
network.Predict(testData.Features, testData.RowCount, scores);
int correct = 0;
for (int i = 0; i < scores.Length; i++)
    correct += (scores[i] > 0f) == (testData.Labels[i] > 0.5f) ? 1 : 0;
Console.WriteLine($"Test accuracy: {(double)correct / scores.Length:F4} on {scores.Length} rows");

// Raw engine throughput on the 50-128-64-1 benchmark network (perf-anchors.md §6), 1 thread, batch 256.
// A 1-thread view of the backend: the shared backend's own budget stays as it is.
KernelBackend oneThread = backend.WithMaxThreads(1);
var rng = new float[100_000 * 50];
backend.RandomUniform(7, 0, rng);
var labels = new float[100_000];
for (int i = 0; i < labels.Length; i++)
    labels[i] = rng[i * 50] + rng[i * 50 + 1] > 1f ? 1f : 0f;
var benchNet = MultiLayerPerceptron.Create(50, [128, 64], 1, Activation.Relu, seed: 1, backend: oneThread);
var benchTrainer = new NetworkTrainer(benchNet, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions { BatchSize = 256 });
// Warm up for ~0.5 s first: the JIT's tiered compilation needs that long to optimise the step (200 warm-up steps
// reported 1.1M samples/s; 4000 report what the benchmarks measure).
ThroughputResult speed = TrainingBenchmark.Run(benchTrainer, new InMemoryDataset(rng, 50, labels), steps: 3000, warmupSteps: 4000);
Console.WriteLine($"Engine throughput, MLP 50-128-64-1, Adam, batch 256, 1 thread: {speed.SamplesPerSecond / 1e6:F2}M samples/s " +
                  $"({speed.MicrosecondsPerStep:F0} µs/step, {speed.SamplesPerSecond * 75_100 / 1e9:F0} GFLOP/s)");
