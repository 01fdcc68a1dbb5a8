using BenchmarkDotNet.Attributes;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// Training throughput of the 50-128-64-1 ReLU MLP with Adam and BCE-with-logits (perf-anchors.md §6; issue 2 §6c):
/// each invocation runs <see cref="SamplesPerInvocation"/> rows of real training steps — shuffled batch gather,
/// forward, loss, backward, one fused Adam call — on 100k synthetic rows.
/// </summary>
public class MlpTrainingBenchmarks
{
    /// <summary>Forward + backward FLOP per sample of 50-128-64-1 (perf-anchors.md §6).</summary>
    public const double FlopsPerSample = 75_100;

    private const int Rows = 100_000;
    private const int Inputs = 50;

    private NetworkTrainer? _trainer;
    private InMemoryBatchSource? _source;
    private float[] _features = [];
    private float[] _labels = [];
    private int _epoch;

    [Params(KernelBackendKind.Native, KernelBackendKind.Managed)]
    public KernelBackendKind Backend { get; set; }

    [Params(256, 1024)]
    public int BatchSize { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static int SamplesPerInvocation(int batchSize) => 40 * 256 / batchSize * batchSize;

    [GlobalSetup]
    public void Setup()
    {
        KernelBackend backend = KernelBackends.Get(Backend).WithMaxThreads(Threads);
        float[] x = GemmBenchmarks.Filled(Rows * Inputs, 7);
        var y = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            // A fixed linear rule on the features, so the network has something to learn.
            float s = 0;
            for (int j = 0; j < Inputs; j++)
                s += (j % 3 - 1) * (x[i * Inputs + j] - 0.5f);
            y[i] = s > 0 ? 1f : 0f;
        }
        var data = new InMemoryDataset(x, Inputs, y);
        Sequential network = MultiLayerPerceptron.Create(Inputs, [128, 64], 1, Activation.Relu, seed: 1, backend: backend);
        _trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(),
            new TrainingOptions { BatchSize = BatchSize, LearningRate = 1e-3f, Seed = 1 });
        _source = new InMemoryBatchSource(data, BatchOrder.Shuffled, 1);
        _features = new float[BatchSize * Inputs];
        _labels = new float[BatchSize];
    }

    [Benchmark]
    public double TrainSteps()
    {
        double loss = 0;
        int steps = SamplesPerInvocation(BatchSize) / BatchSize;
        for (int s = 0; s < steps; s++)
        {
            int rows = _source!.NextBatch(BatchSize, _features, _labels);
            if (rows == 0)
            {
                _source.Reset(++_epoch);
                rows = _source.NextBatch(BatchSize, _features, _labels);
            }
            loss = _trainer!.TrainStep(_features, _labels, rows);
        }
        return loss;
    }
}
