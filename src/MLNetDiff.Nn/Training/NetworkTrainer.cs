using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Optimizers;
using MLNetDiff.Nn.Schedules;

namespace MLNetDiff.Nn.Training;

/// <summary>
/// Trains a <see cref="Sequential"/> network with a <see cref="Losses.Loss"/>: single steps on caller-owned arrays
/// (<see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>), or whole fits with epochs, validation, early stopping, cancellation and progress
/// (<c>Fit</c> overloads for in-memory data, <c>IDataView</c> and any <see cref="BatchSource"/>).
/// </summary>
/// <remarks>
/// A step is: forward (training mode) → loss and ∂loss/∂output → backward into the flat gradient buffer → optional
/// global-norm clipping → one optimizer call over the flat parameter buffer. Large batches run as data-parallel row
/// shards (<see cref="TrainingOptions.DataParallelShards"/>) whose gradients are summed in a fixed order; with a thread
/// budget ≥ 2 the shards run on two threads, each with half the budget. The budget is the network backend's
/// <see cref="KernelBackend.MaxThreads"/>, or <see cref="TrainingOptions.MaxThreads"/> (the network then gets a view of
/// its backend with that budget); no shared setting is ever changed. After the first step at a batch size, steps allocate
/// nothing. Given the same network initialisation, options, data and backend, results are bit-identical from run to
/// run and for any thread count. Not thread-safe.
/// </remarks>
public sealed partial class NetworkTrainer
{
    private readonly TrainingOptions _options;
    private float[] _outputGradient = [];
    private long _scheduleOrigin;

    /// <summary>Creates a trainer.</summary>
    /// <param name="network">The network to train (its backend runs every kernel).</param>
    /// <param name="loss">The objective.</param>
    /// <param name="options">Settings (copied and validated); defaults when null.</param>
    /// <param name="optimizer">An optimizer to use instead of the one <paramref name="options"/> describe.</param>
    /// <exception cref="ArgumentException">An option is invalid (the parameter name is the option's name).</exception>
    public NetworkTrainer(Sequential network, Loss loss, TrainingOptions? options = null, Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        _options = options?.Clone() ?? new TrainingOptions();
        _options.Validate();
        Network = network;
        ApplyThreadBudget();
        Loss = loss;
        Optimizer = optimizer ?? _options.CreateOptimizer();
        Network.NoiseSeed = Internal.SeedMixer.Mix((ulong)(uint)_options.Seed, Internal.SeedMixer.NoiseStream);
        StepsPerEpoch = 1;
        TotalSteps = 1;
    }

    /// <summary>The network being trained.</summary>
    public Sequential Network { get; }

    /// <summary>The objective.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>A copy of the settings in use.</summary>
    public TrainingOptions Options => _options.Clone();

    /// <summary>The kernel backend (the network's).</summary>
    public KernelBackend Backend => Network.Backend;

    /// <summary>Steps taken by this trainer (it also selects dropout noise).</summary>
    public long Step { get; private set; }

    /// <summary>Learning rate used by the last step.</summary>
    public float LearningRate { get; private set; }

    /// <summary>Steps per epoch as seen by the schedule (set by <c>Fit</c>; set it yourself when calling
    /// <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> directly with a non-constant schedule).</summary>
    public long StepsPerEpoch { get; set; }

    /// <summary>Total steps as seen by the schedule (set by <c>Fit</c>).</summary>
    public long TotalSteps { get; set; }

    /// <summary>Global gradient norm before clipping of the last step (NaN when clipping is off).</summary>
    public float LastGradientNorm { get; private set; } = float.NaN;

    /// <summary>One training step on a batch.</summary>
    /// <param name="features">rows × InputSize features.</param>
    /// <param name="labels">rows × label size labels (see the loss).</param>
    /// <param name="rows">Rows in the batch (&gt; 0).</param>
    /// <returns>The batch's mean loss before the update.</returns>
    public double TrainStep(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, int rows) =>
        TrainStep(features, labels, default, rows);

    /// <summary>One training step on a batch with row weights: the loss is Σ w·ℓ / Σ w (see
    /// <see cref="Losses.Loss.SupportsRowWeights"/>); a weight of 0 removes a row (e.g. the padding of a grouped batch).</summary>
    /// <param name="features">rows × InputSize features.</param>
    /// <param name="labels">rows × label size labels (see the loss).</param>
    /// <param name="weights">One weight ≥ 0 per row; empty for an unweighted step.</param>
    /// <param name="rows">Rows in the batch (&gt; 0).</param>
    /// <returns>The batch's weighted mean loss before the update.</returns>
    public double TrainStep(ReadOnlySpan<float> features, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        KernelBackend backend = Network.Backend;
        double loss;
        // Weighted batches train unsharded: a shard's weighted mean is normalised by the shard's weight sum, which the
        // row-count scaling of the shards does not undo.
        int shards = weights.IsEmpty ? ShardCount(rows) : 1;
        if (shards > 1)
        {
            loss = ShardedForwardBackward(features, labels, rows, shards);
        }
        else
        {
            int outputs = Network.OutputSize;
            int gradientLength = checked(rows * outputs);
            if (_outputGradient.Length < gradientLength)
                _outputGradient = new float[gradientLength];
            Span<float> outputGradient = _outputGradient.AsSpan(0, gradientLength);

            ReadOnlySpan<float> output = Network.Forward(features, rows, training: true, Step);
            loss = Loss.Compute(backend, output, labels, weights, rows, outputs, outputGradient);
            Network.Backward(features, outputGradient, rows);
        }
        if (_options.GradientClipNorm > 0f)
            LastGradientNorm = GradientClipping.ClipByGlobalNorm(backend, Network.Gradients, _options.GradientClipNorm);
        LearningRate = (_options.Schedule ?? ConstantSchedule.Instance)
            .GetLearningRate(_options.LearningRate, Step - _scheduleOrigin, TotalSteps, StepsPerEpoch);
        Optimizer.Update(backend, Network.Parameters, Network.Gradients, LearningRate);
        Step++;
        return loss;
    }

    /// <summary>Mean loss (and the configured validation metric) of the network over every row of <paramref name="data"/>,
    /// in inference mode.</summary>
    public (double Loss, double? Metric) Evaluate(BatchSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckShapes(data, nameof(data));
        return EvaluateCore(data, System.Threading.CancellationToken.None);
    }

    /// <summary>Restarts the schedule at the current step (called by <c>Fit</c>).</summary>
    private void StartSchedule(long stepsPerEpoch)
    {
        _scheduleOrigin = Step;
        StepsPerEpoch = Math.Max(1, stepsPerEpoch);
        TotalSteps = Math.Max(1, StepsPerEpoch * _options.Epochs);
    }

    private void CheckShapes(BatchSource source, string name)
    {
        if (source.FeatureCount != Network.InputSize)
            throw new ArgumentException(
                $"The data has {source.FeatureCount} features per row but the network expects {Network.InputSize}.", name);
        Loss.ValidateShape(Network.OutputSize, source.LabelSize);
    }
}
