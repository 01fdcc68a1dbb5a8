using System;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Optimizers;
using MLNetDiff.Nn.Schedules;

namespace MLNetDiff.Nn.Training;

/// <summary>Settings of a <see cref="NetworkTrainer"/>; defaults are defined here only.</summary>
public sealed class TrainingOptions
{
    /// <summary>Passes over the training data (≥ 1). Default 10.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Rows per mini-batch (≥ 1). Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>The optimizer. Default Adam.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Base learning rate (finite, ≥ 0). Default 1e-3.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Adam β₁. Default 0.9.</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Adam β₂. Default 0.999.</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Adam ε. Default 1e-8.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Weight decay λ (L2 for Adam and SGD, decoupled for AdamW). Default 0.</summary>
    public float WeightDecay { get; set; }

    /// <summary>SGD momentum in [0, 1). Default 0.9.</summary>
    public float Momentum { get; set; } = 0.9f;

    /// <summary>SGD Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Learning-rate schedule; null means constant.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>Clip the gradient to this global L2 norm; 0 disables clipping. Default 0.</summary>
    public float GradientClipNorm { get; set; }

    /// <summary>Seed of the data order, the validation split and dropout noise. Same seed and backend ⇒ bit-identical
    /// weights. (The network's initial weights come from its own seed, see <see cref="Layers.Sequential.Initialize"/>.)</summary>
    public int Seed { get; set; }

    /// <summary>Fraction of the training data held out for validation when no validation data is given, in [0, 1);
    /// split deterministically by <see cref="Seed"/> (stratified for binary labels). Default 0.</summary>
    public float ValidationFraction { get; set; }

    /// <summary>Early stopping: the number of consecutive epochs without improvement of the validation score that are
    /// tolerated; training stops at the next one (0 = stop at the first epoch that does not improve). Null disables early
    /// stopping. Needs validation data.</summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>Smallest change of the validation score that counts as an improvement (≥ 0). Default 0.</summary>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>With early stopping, reset the network to the parameters of the best epoch at the end. Default true.</summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>Validation metric for early stopping and reports; null uses the validation loss (lower is better).</summary>
    public ValidationMetric? ValidationMetric { get; set; }

    /// <summary>Row order of training batches. Default <see cref="BatchOrder.Stratified"/> (binary labels; others shuffle).</summary>
    public BatchOrder BatchOrder { get; set; } = BatchOrder.Stratified;

    /// <summary>Report progress every this many steps (0 = only at the end of each epoch). Default 0.</summary>
    public int ProgressInterval { get; set; }

    /// <summary>Most row shards a training batch is split into for data-parallel steps (≥ 1; 1 disables sharding).
    /// Default 2. A batch of <c>rows</c> rows runs as S = clamp(rows / 256, 1, this) shards of near-equal size, each with
    /// its own forward, loss and backward pass; their gradients are summed in shard order before one optimizer update.
    /// S depends on the row count only, never on the thread budget (<see cref="MaxThreads"/>), so the weights are
    /// bit-identical for any thread count; shards run concurrently when the budget is ≥ 2. See docs/engine.md,
    /// "Data-parallel steps".</summary>
    public int DataParallelShards { get; set; } = 2;

    /// <summary>This fit's thread budget (≥ 1), or null (default) for the network backend's own
    /// <see cref="MLNetDiff.Kernels.KernelBackend.MaxThreads"/>. The trainer gives the network a view of its backend
    /// with this budget (<see cref="MLNetDiff.Kernels.KernelBackend.WithMaxThreads"/>); the shared backend is never
    /// changed, so fits running at once (a sweep) each keep their own budget. Results do not depend on it.</summary>
    public int? MaxThreads { get; set; }

    /// <summary>How an <c>IDataView</c> is read (columns, cache limit, shuffle buffer, invalid rows).</summary>
    public DataOptions Data { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) whose parameter name is
    /// the first invalid option.</summary>
    public void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"{nameof(Epochs)} must be at least 1.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be at least 1.");
        if ((uint)Optimizer > (uint)OptimizerKind.Sgd)
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, $"Unknown {nameof(Optimizer)}.");
        if (!(LearningRate >= 0f && float.IsFinite(LearningRate)))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be finite and non-negative.");
        if (!(Beta1 >= 0f && Beta1 < 1f))
            throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, $"{nameof(Beta1)} must be in [0, 1).");
        if (!(Beta2 >= 0f && Beta2 < 1f))
            throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, $"{nameof(Beta2)} must be in [0, 1).");
        if (!(Epsilon > 0f && float.IsFinite(Epsilon)))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"{nameof(Epsilon)} must be positive and finite.");
        if (!(WeightDecay >= 0f && float.IsFinite(WeightDecay)))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, $"{nameof(WeightDecay)} must be finite and non-negative.");
        if (!(Momentum >= 0f && Momentum < 1f))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, $"{nameof(Momentum)} must be in [0, 1).");
        if (Nesterov && Optimizer == OptimizerKind.Sgd && Momentum == 0f)
            throw new ArgumentException($"{nameof(Nesterov)} needs a positive {nameof(Momentum)}.", nameof(Nesterov));
        if (!(GradientClipNorm >= 0f && float.IsFinite(GradientClipNorm)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, $"{nameof(GradientClipNorm)} must be finite and non-negative (0 disables clipping).");
        if (!(ValidationFraction >= 0f && ValidationFraction < 1f))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{nameof(ValidationFraction)} must be in [0, 1).");
        if (EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"{nameof(EarlyStoppingPatience)} must be non-negative (or null to disable early stopping).");
        if (!(EarlyStoppingMinDelta >= 0 && double.IsFinite(EarlyStoppingMinDelta)))
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, $"{nameof(EarlyStoppingMinDelta)} must be finite and non-negative.");
        if ((uint)BatchOrder > (uint)BatchOrder.Stratified)
            throw new ArgumentOutOfRangeException(nameof(BatchOrder), BatchOrder, $"Unknown {nameof(BatchOrder)}.");
        if (ProgressInterval < 0)
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, $"{nameof(ProgressInterval)} must be non-negative.");
        if (DataParallelShards < 1)
            throw new ArgumentOutOfRangeException(nameof(DataParallelShards), DataParallelShards, $"{nameof(DataParallelShards)} must be at least 1 (1 disables sharding).");
        if (MaxThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxThreads), MaxThreads, $"{nameof(MaxThreads)} must be at least 1 (or null for the backend's own budget).");
        if (Data is null)
            throw new ArgumentNullException(nameof(Data));
        Data.Validate();
    }

    /// <summary>An <see cref="ArgumentException"/> whose parameter name is the option's name.</summary>
    internal static ArgumentException InvalidOption(string optionName, string message) => new(message, optionName);

    /// <summary>Builds the optimizer these options describe.</summary>
    public Optimizer CreateOptimizer() => Optimizer switch
    {
        OptimizerKind.Adam => new AdamOptimizer(Beta1, Beta2, Epsilon, WeightDecay, decoupled: false),
        OptimizerKind.AdamW => new AdamOptimizer(Beta1, Beta2, Epsilon, WeightDecay, decoupled: true),
        _ => new SgdOptimizer(Momentum, Nesterov && Momentum > 0f, WeightDecay),
    };

    /// <summary>A shallow copy (the schedule, metric and a copy of <see cref="Data"/> are shared/copied).</summary>
    public TrainingOptions Clone()
    {
        var copy = (TrainingOptions)MemberwiseClone();
        copy.Data = Data?.Clone()!;
        return copy;
    }
}
