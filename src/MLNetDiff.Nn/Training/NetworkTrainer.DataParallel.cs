using System;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;

namespace MLNetDiff.Nn.Training;

/// <summary>Data-parallel steps (docs/engine.md, "Data-parallel steps"): a batch is split by rows into shards that
/// depend on the row count only; each shard runs forward, loss and backward with its own workspace and gradient
/// buffer; the gradients are summed in shard order; one optimizer update follows.</summary>
/// <remarks>Threads: the step's budget is the network backend's <see cref="KernelBackend.MaxThreads"/> (a per-fit view
/// when <see cref="TrainingOptions.MaxThreads"/> is set). Shards running concurrently use a view with half the budget
/// each, so the step as a whole never exceeds it. Views are immutable backend objects: no shared setting is changed,
/// so two trainers fitting at once cannot race on one.</remarks>
public sealed partial class NetworkTrainer
{
    /// <summary>Fewest rows a shard gets: a batch of rows splits into clamp(rows / this, 1,
    /// <see cref="TrainingOptions.DataParallelShards"/>) shards.</summary>
    internal const int MinRowsPerShard = 256;

    private Shard[] _shards = [];
    private Loss? _shardLoss;
    private bool _shardLossResolved;
    private ShardWork? _shardWork;
    private KernelBackend? _shardBackend;
    private KernelBackend? _shardBackendSource;

    /// <summary>Gives the network a view of its backend with <see cref="TrainingOptions.MaxThreads"/> (called once by
    /// the constructor): the fit's budget lives in the view, never in the backend the network was built with.</summary>
    private void ApplyThreadBudget()
    {
        if (_options.MaxThreads is int threads)
            Network.Backend = Network.Backend.WithMaxThreads(threads);
    }

    /// <summary>The backend concurrent shards run on: <paramref name="backend"/> with half its budget (at least 1),
    /// created once per backend the network uses (a view allocates; steps must not).</summary>
    private KernelBackend ShardBackend(KernelBackend backend)
    {
        if (!ReferenceEquals(_shardBackendSource, backend))
        {
            _shardBackend = backend.WithMaxThreads(Math.Max(1, backend.MaxThreads / 2));
            _shardBackendSource = backend;
        }
        return _shardBackend!;
    }

    /// <summary>Shards a batch of <paramref name="rows"/> rows is split into (a function of the row count and the
    /// options only).</summary>
    internal int ShardCount(int rows)
    {
        int max = _options.DataParallelShards;
        if (max <= 1 || rows < 2 * MinRowsPerShard)
            return 1;
        if (!_shardLossResolved)
        {
            _shardLoss = Loss.CreateShardCopy();
            _shardLossResolved = true;
        }
        return _shardLoss is null ? 1 : Math.Clamp(rows / MinRowsPerShard, 1, max);
    }

    /// <summary>Forward, loss and backward of a sharded batch; leaves the summed gradient in
    /// <see cref="Sequential.Gradients"/> and returns the batch's mean loss.</summary>
    private unsafe double ShardedForwardBackward(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, int rows, int count)
    {
        KernelBackend backend = Network.Backend;
        int inputs = Network.InputSize, labelSize = Loss.GetLabelSize(Network.OutputSize);
        long featureCount = (long)rows * inputs, labelCount = (long)rows * labelSize;
        if (features.Length < featureCount)
            throw new ArgumentException($"'{nameof(features)}' holds {features.Length} floats but {rows} rows × {inputs} = {featureCount} are needed.", nameof(features));
        if (labels.Length < labelCount)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} floats but {rows} rows × {labelSize} = {labelCount} are needed.", nameof(labels));
        PlanShards(rows, count);

        bool parallel = backend.MaxThreads >= 2 && ShardWorker.TryAcquire();
        if (!parallel)
        {
            for (int s = 0; s < count; s++)
                RunShard(s, features, labels);
        }
        else
        {
            // The two threads split the shards and the budget: their kernels run on a view with half of it (kernel
            // results are bit-identical for any thread count, so this changes no bits). The view is set on this
            // trainer's own network, which no other fit uses, and restored below; the shared backend object is never
            // modified. Setting it before Post publishes it to the worker.
            Network.Backend = ShardBackend(backend);
            ExceptionDispatchInfo? workerError;
            fixed (float* pFeatures = features)
            fixed (float* pLabels = labels)
            {
                _shardWork ??= new ShardWork(this);
                _shardWork.Set(pFeatures, (int)featureCount, pLabels, (int)labelCount, count);
                ShardWorker.Post(_shardWork);
                try
                {
                    for (int s = 0; s < count; s += 2)
                        RunShard(s, features, labels);
                }
                finally
                {
                    workerError = ShardWorker.Wait();
                    _shardWork.Set(null, 0, null, 0, 0);
                    ShardWorker.Release();
                    Network.Backend = backend;
                }
            }
            workerError?.Throw();
        }

        // Fixed-order reduction: g = g₀ + g₁ + …; loss = Σ loss_s·rows_s / rows.
        Span<float> gradients = Network.Gradients;
        double loss = _shards[0].Loss * _shards[0].Rows;
        for (int s = 1; s < count; s++)
        {
            TensorPrimitives.Add(gradients, _shards[s].Gradients, gradients);
            loss += _shards[s].Loss * _shards[s].Rows;
        }
        return loss / rows;
    }

    private void PlanShards(int rows, int count)
    {
        if (_shards.Length < count)
        {
            var grown = new Shard[count];
            _shards.AsSpan().CopyTo(grown);
            for (int s = _shards.Length; s < count; s++)
            {
                grown[s] = new Shard
                {
                    Gradients = s == 0 ? [] : new float[Network.ParameterCount],
                    LossFunction = s == 0 ? Loss : Loss.CreateShardCopy()!,
                };
            }
            _shards = grown;
        }
        for (int s = 0; s < count; s++)
        {
            Shard shard = _shards[s];
            shard.Start = (int)((long)rows * s / count);
            shard.Rows = (int)((long)rows * (s + 1) / count) - shard.Start;
            shard.Scale = (float)((double)shard.Rows / rows);
            if (s > 0)
            {
                shard.Workspace ??= Network.CreateWorkspace(shard.Rows);
                shard.Workspace.EnsureCapacity(shard.Rows);
            }
            int outputLength = shard.Rows * Network.OutputSize;
            if (shard.OutputGradient.Length < outputLength)
                shard.OutputGradient = new float[outputLength];
        }
    }

    /// <summary>Forward, loss (scaled by the shard's share of the rows) and backward of shard <paramref name="index"/>.</summary>
    private void RunShard(int index, ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        Shard shard = _shards[index];
        KernelBackend backend = Network.Backend;
        int inputs = Network.InputSize, outputs = Network.OutputSize, labelSize = Loss.GetLabelSize(outputs);
        int rows = shard.Rows;
        ReadOnlySpan<float> x = features.Slice(shard.Start * inputs, rows * inputs);
        ReadOnlySpan<float> y = labels.Slice(shard.Start * labelSize, rows * labelSize);
        NetworkWorkspace workspace = index == 0 ? Network.GetWorkspace(rows) : shard.Workspace!;
        ReadOnlySpan<float> output = Network.ForwardShard(workspace, x, rows, Step, shard.Start);
        Span<float> outputGradient = shard.OutputGradient.AsSpan(0, rows * outputs);
        shard.Loss = shard.LossFunction.Compute(backend, output, y, rows, outputs, outputGradient);
        // ∂(batch mean)/∂output = (rows_s / rows)·∂(shard mean)/∂output.
        if (shard.Scale != 1f)
            TensorPrimitives.Multiply(outputGradient, shard.Scale, outputGradient);
        Network.BackwardShard(workspace, x, outputGradient, rows, index == 0 ? Network.Gradients : shard.Gradients);
    }

    private sealed class Shard
    {
        public int Start;
        public int Rows;
        public float Scale;
        public double Loss;
        public NetworkWorkspace? Workspace;
        public float[] Gradients = [];
        public float[] OutputGradient = [];
        public Loss LossFunction = null!;
    }

    /// <summary>The worker thread's share of a step: the odd shards.</summary>
    private sealed unsafe class ShardWork(NetworkTrainer trainer) : IShardWork
    {
        private float* _features;
        private float* _labels;
        private int _featureCount;
        private int _labelCount;
        private int _count;

        public void Set(float* features, int featureCount, float* labels, int labelCount, int count)
        {
            _features = features;
            _featureCount = featureCount;
            _labels = labels;
            _labelCount = labelCount;
            _count = count;
        }

        public void Run()
        {
            var features = new ReadOnlySpan<float>(_features, _featureCount);
            var labels = new ReadOnlySpan<float>(_labels, _labelCount);
            for (int s = 1; s < _count; s += 2)
                trainer.RunShard(s, features, labels);
        }
    }
}
