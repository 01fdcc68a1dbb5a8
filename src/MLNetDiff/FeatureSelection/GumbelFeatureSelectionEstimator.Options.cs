using System;
using Microsoft.ML.Data;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.FeatureSelection;

public sealed partial class GumbelFeatureSelectionEstimator
{
    /// <summary>Options of the GFSNetwork selector; defaults are specs/gfsnetwork.md §5's "spec default" column.</summary>
    public sealed class Options
    {
        /// <summary>The output column: a known-size vector of the kept slots.</summary>
        public string OutputColumnName { get; set; } = DefaultColumnNames.Features;

        /// <summary>The input column (a known-size vector of Single); null means <see cref="OutputColumnName"/>.</summary>
        public string? InputColumnName { get; set; }

        /// <summary>Label: Boolean or Key (classification; multiclass through Key) or Single (regression).</summary>
        public string LabelColumnName { get; set; } = DefaultColumnNames.Label;

        /// <summary>Optional row weight column (Single, finite, ≥ 0).</summary>
        public string? ExampleWeightColumnName { get; set; }

        /// <summary>λ, the weight of the selection term; the only sparsity knob (spec §5: 0.1; the paper's 1.0 empties
        /// the mask on most data sets).</summary>
        public double Balance { get; set; } = 0.1;

        /// <summary>How the mean mask enters the loss.</summary>
        public GumbelPenaltyMode PenaltyMode { get; set; } = GumbelPenaltyMode.Raw;

        /// <summary>τ₀ of the temperature schedule.</summary>
        public double TemperatureStart { get; set; } = 2.0;

        /// <summary>γ, the per-epoch temperature factor, in (0, 1].</summary>
        public double TemperatureDecay { get; set; } = 0.997;

        /// <summary>0-based epoch from which training uses the hard straight-through mask; null (the default, as the
        /// reference in effect does) keeps the soft mask throughout.</summary>
        public int? StraightThroughFromEpoch { get; set; }

        /// <summary>The noise of the Gumbel-sigmoid relaxation.</summary>
        public GumbelNoiseKind NoiseKind { get; set; } = GumbelNoiseKind.SingleGumbel;

        /// <summary>How the subset is read off the trained logits.</summary>
        public GumbelSelectionRule SelectionRule { get; set; } = GumbelSelectionRule.Deterministic;

        /// <summary>The fewest features kept (≥ 1): when the rule keeps fewer (a collapsed mask), the top-ranked ones are
        /// added and a warning is logged. At least 1 because ML.NET has no known-size vector of length 0.</summary>
        public int MinimumFeatureCount { get; set; } = 1;

        /// <summary>The most features kept (the top ones by logit); null for no cap.</summary>
        public int? MaximumFeatureCount { get; set; }

        /// <summary>E, the size of the fixed random embedding of the mask network.</summary>
        public int EmbeddingSize { get; set; } = 32;

        /// <summary>H, the width of the task network's two hidden ReLU layers.</summary>
        public int HiddenSize { get; set; } = 32;

        /// <summary>Passes over the data.</summary>
        public int NumberOfEpochs { get; set; } = 200;

        /// <summary>Rows per step; every row of a batch shares one mask.</summary>
        public int BatchSize { get; set; } = 32;

        /// <summary>Adam learning rate of the mask network (W_m, b_m).</summary>
        public double MaskLearningRate { get; set; } = 4e-3;

        /// <summary>Adam learning rate of the task network.</summary>
        public double TaskLearningRate { get; set; } = 3e-4;

        /// <summary>Class weights of the classification loss.</summary>
        public GumbelClassWeighting ClassWeighting { get; set; } = GumbelClassWeighting.Balanced;

        /// <summary>z-score the features inside the component (the output keeps the raw values).</summary>
        public bool Standardize { get; set; } = true;

        /// <summary>z-score a regression label while training (spec §8; the reference does not).</summary>
        public bool StandardizeLabel { get; set; } = true;

        /// <summary>Shuffle rows every epoch (seeded); false visits them in data order, as the reference does.</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>Seed of every random choice (embedding, initialisation, noise, order); null draws one from the
        /// ML.NET environment.</summary>
        public int? Seed { get; set; }

        /// <summary>Largest data, in bytes of dense floats, read into memory; larger data (or any, when 0) is streamed
        /// with a shuffle buffer of 10,000 rows. Null: <see cref="DefaultCacheLimitBytes"/>.</summary>
        public long? CacheLimitBytes { get; set; }

        /// <summary>The cache limit when <see cref="CacheLimitBytes"/> is null: the larger of the engine's default
        /// (256 MiB) and a quarter of the memory available to the process (the GC's
        /// <c>TotalAvailableMemoryBytes</c>: physical memory or the container's limit).</summary>
        /// <remarks>Why more than the engine's default: a fit reads its data once per epoch for 200 epochs, so a copy
        /// in memory pays for itself many times (N = 10,000 × D = 10,000 is 400 MB: streamed, each epoch went through
        /// the reader and the shuffle buffer again, about 10 % of the fit's CPU time), and cached rows get exact
        /// per-epoch permutations and allow the null-calibrated rule.</remarks>
        public static long DefaultCacheLimitBytes
            => Math.Max(DataOptions.DefaultCacheLimitBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

        /// <summary>Kernel threads of the fit; null keeps the backend's budget.</summary>
        public int? MaxThreads { get; set; }

        internal Options Clone() => (Options)MemberwiseClone();

        internal string InputName => InputColumnName ?? OutputColumnName;

        /// <summary>Throws <see cref="ArgumentException"/> whose parameter name is the offending option.</summary>
        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(OutputColumnName))
                throw new ArgumentException("The output column name must not be empty.", nameof(OutputColumnName));
            if (InputColumnName is not null && string.IsNullOrWhiteSpace(InputColumnName))
                throw new ArgumentException("The input column name must not be empty (null means the output column).", nameof(InputColumnName));
            if (string.IsNullOrWhiteSpace(LabelColumnName))
                throw new ArgumentException("The label column name must not be empty.", nameof(LabelColumnName));
            if (!(Balance >= 0 && double.IsFinite(Balance)))
                throw new ArgumentOutOfRangeException(nameof(Balance), Balance, "The balance λ must be finite and ≥ 0.");
            if (!Enum.IsDefined(PenaltyMode))
                throw new ArgumentOutOfRangeException(nameof(PenaltyMode), PenaltyMode, "Unknown penalty mode.");
            if (!(TemperatureStart > 0 && double.IsFinite(TemperatureStart)))
                throw new ArgumentOutOfRangeException(nameof(TemperatureStart), TemperatureStart, "The start temperature must be positive and finite.");
            if (!(TemperatureDecay > 0 && TemperatureDecay <= 1))
                throw new ArgumentOutOfRangeException(nameof(TemperatureDecay), TemperatureDecay, "The temperature decay must be in (0, 1].");
            if (StraightThroughFromEpoch is < 0)
                throw new ArgumentOutOfRangeException(nameof(StraightThroughFromEpoch), StraightThroughFromEpoch, "The straight-through epoch must be ≥ 0 (or null).");
            if (!Enum.IsDefined(NoiseKind))
                throw new ArgumentOutOfRangeException(nameof(NoiseKind), NoiseKind, "Unknown noise kind.");
            if (!Enum.IsDefined(SelectionRule))
                throw new ArgumentOutOfRangeException(nameof(SelectionRule), SelectionRule, "Unknown selection rule.");
            if (MinimumFeatureCount < 1)
                throw new ArgumentOutOfRangeException(nameof(MinimumFeatureCount), MinimumFeatureCount,
                    "At least one feature is kept: ML.NET has no known-size vector of length 0.");
            if (MaximumFeatureCount is int max && max < MinimumFeatureCount)
                throw new ArgumentOutOfRangeException(nameof(MaximumFeatureCount), max,
                    $"The maximum feature count ({max}) must be ≥ the minimum feature count ({MinimumFeatureCount}).");
            if (EmbeddingSize is < 1 or > 4096)
                throw new ArgumentOutOfRangeException(nameof(EmbeddingSize), EmbeddingSize, "The embedding size must be in [1, 4096].");
            if (HiddenSize is < 1 or > 65536)
                throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, "The hidden size must be in [1, 65536].");
            if (NumberOfEpochs < 1)
                throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs, "The number of epochs must be ≥ 1.");
            if (BatchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be ≥ 1.");
            if (!(MaskLearningRate > 0 && double.IsFinite(MaskLearningRate)))
                throw new ArgumentOutOfRangeException(nameof(MaskLearningRate), MaskLearningRate, "The mask learning rate must be positive and finite.");
            if (!(TaskLearningRate > 0 && double.IsFinite(TaskLearningRate)))
                throw new ArgumentOutOfRangeException(nameof(TaskLearningRate), TaskLearningRate, "The task learning rate must be positive and finite.");
            if (!Enum.IsDefined(ClassWeighting))
                throw new ArgumentOutOfRangeException(nameof(ClassWeighting), ClassWeighting, "Unknown class weighting.");
            if (CacheLimitBytes is < 0)
                throw new ArgumentOutOfRangeException(nameof(CacheLimitBytes), CacheLimitBytes, "The cache limit must be ≥ 0 bytes (or null).");
            if (MaxThreads is < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxThreads), MaxThreads, "The thread budget must be ≥ 1 (or null).");
        }
    }
}
