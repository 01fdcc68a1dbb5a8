using System;
using Microsoft.ML.Trainers;
using MLNetDiff.Clustering.Clam;

namespace MLNetDiff.Clustering;

public sealed partial class ClamTrainer
{
    /// <summary>
    /// Settings of <see cref="ClamTrainer"/>; defaults live here only: specs/clustering.md B6 (β 1.5, α 0.1, T 10,
    /// learning rate 0.01, batch 32, 200 epochs, mask 0.2, mask cycle 3, fill mean) and docs/clustering.md, "Clam".
    /// </summary>
    public sealed class Options : UnsupervisedTrainerInputBaseWithWeight
    {
        /// <summary>K, the number of clusters (≥ 2, at most the number of training rows). Default 5, as ML.NET's KMeans.</summary>
        public int NumberOfClusters { get; set; } = 5;

        /// <summary>β, the inverse temperature of the softmax −(β/2)‖v − ρ‖² (the official code's convention; &gt; 0).
        /// Squared distances grow with d, so the sharpness depends on the number of features. Default 1.5.</summary>
        public double Beta { get; set; } = 1.5;

        /// <summary>α, the Euler step of the dynamics, in (0, 1] (the energy descends only there). Default 0.1.</summary>
        public double Alpha { get; set; } = 0.1;

        /// <summary>T, the dynamics steps at training and inference (≥ 1). Default 10 (αT = 1).</summary>
        public int Steps { get; set; } = 10;

        /// <summary>Adam's initial learning rate on the prototypes (&gt; 0). Default 0.01.</summary>
        public double LearningRate { get; set; } = 0.01;

        /// <summary>Rows per mini-batch (≥ 1). Default 32.</summary>
        public int BatchSize { get; set; } = 32;

        /// <summary>Maximum passes over the data per restart (≥ 1). Default 200.</summary>
        public int NumberOfEpochs { get; set; } = 200;

        /// <summary>Fraction of the features masked per training row: max(1, ⌊p·d⌋) coordinates (in [0, 1]). Default 0.2.</summary>
        public double MaskProbability { get; set; } = 0.2;

        /// <summary>Every this-many-th epoch all rows of a batch share one mask (0 = never). Default 3.</summary>
        public int MaskChangeCycle { get; set; } = 3;

        /// <summary>The masked coordinates' start value. Default <see cref="ClamMaskValue.Mean"/>.</summary>
        public ClamMaskValue MaskValue { get; set; } = ClamMaskValue.Mean;

        /// <summary>Independent runs, each from its own k-means++ seeding, batch order and masks (≥ 1); one is kept by
        /// <see cref="RestartSelection"/>. Default 5.</summary>
        public int NumberOfRestarts { get; set; } = 5;

        /// <summary>How the kept restart is chosen. Default <see cref="ClamRestartSelection.Silhouette"/> (measured against
        /// the other two in docs/clustering.md, "Clam").</summary>
        public ClamRestartSelection RestartSelection { get; set; } = ClamRestartSelection.Silhouette;

        /// <summary>Rows of the seeded sample the silhouette selection is computed on when there are more (≥ 2; the
        /// silhouette costs O(n²·d)). Default 2,000.</summary>
        public int SilhouetteSampleRows { get; set; } = 2_000;

        /// <summary>Early stopping on the objective: a restart ends after this many epochs without a new lowest epoch
        /// loss (≥ 1), besides the reference's learning-rate floor; null (the default, as the reference) runs until the
        /// floor or <see cref="NumberOfEpochs"/>.</summary>
        public int? EarlyStoppingPatience { get; set; }

        /// <summary>How features are put into the model space. Default <see cref="ClamStandardization.PerFeature"/>.</summary>
        public ClamStandardization Standardization { get; set; } = ClamStandardization.PerFeature;

        /// <summary>Standardise features (z-score from the training rows, weighted, population σ; spec B4.1) before
        /// anything else; the model keeps μ and σ, so it reads raw features. Default true. A shorthand for
        /// <see cref="Standardization"/>: true is <see cref="ClamStandardization.PerFeature"/>, false
        /// <see cref="ClamStandardization.None"/>; it reads true for <see cref="ClamStandardization.SingleScale"/> too.</summary>
        public bool StandardizeFeatures
        {
            get => Standardization != ClamStandardization.None;
            set => Standardization = value ? ClamStandardization.PerFeature : ClamStandardization.None;
        }

        /// <summary>Largest data, in bytes of dense floats, that training reads into memory (null: the engine's default,
        /// 256 MiB). ClAM trains on the rows in memory; larger data is a named error, never a silent subsample.</summary>
        public long? CacheLimitBytes { get; set; }

        /// <summary>Kernel threads of the fit; null keeps the backend's budget.</summary>
        public int? MaxThreads { get; set; }

        /// <summary>Seed of the seeding, batch orders, masks and silhouette sample; null takes one from the
        /// <c>MLContext</c>'s seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Creates options with the default feature column name ("Features").</summary>
        public Options()
        {
            FeatureColumnName = "Features";
        }

        /// <summary>Throws <see cref="ArgumentException"/> whose parameter name is the first invalid option.</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(FeatureColumnName))
                throw new ArgumentException("The feature column name must be set.", nameof(FeatureColumnName));
            if (NumberOfClusters < 2)
                throw new ArgumentOutOfRangeException(nameof(NumberOfClusters), NumberOfClusters, $"{nameof(NumberOfClusters)} (k) must be at least 2.");
            if (!(Beta > 0) || !double.IsFinite(Beta))
                throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"{nameof(Beta)} must be positive and finite.");
            if (!(Alpha > 0 && Alpha <= 1))
                throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"{nameof(Alpha)} must be in (0, 1]: the dynamics descend the energy only there.");
            AtLeast(Steps, 1, nameof(Steps));
            if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be positive and finite.");
            AtLeast(BatchSize, 1, nameof(BatchSize));
            AtLeast(NumberOfEpochs, 1, nameof(NumberOfEpochs));
            if (!(MaskProbability >= 0 && MaskProbability <= 1))
                throw new ArgumentOutOfRangeException(nameof(MaskProbability), MaskProbability, $"{nameof(MaskProbability)} must be in [0, 1].");
            AtLeast(MaskChangeCycle, 0, nameof(MaskChangeCycle));
            if (!Enum.IsDefined(MaskValue))
                throw new ArgumentOutOfRangeException(nameof(MaskValue), MaskValue, $"Unknown {nameof(MaskValue)}.");
            if (!Enum.IsDefined(Standardization))
                throw new ArgumentOutOfRangeException(nameof(Standardization), Standardization, $"Unknown {nameof(Standardization)}.");
            AtLeast(NumberOfRestarts, 1, nameof(NumberOfRestarts));
            if (!Enum.IsDefined(RestartSelection))
                throw new ArgumentOutOfRangeException(nameof(RestartSelection), RestartSelection, $"Unknown {nameof(RestartSelection)}.");
            AtLeast(SilhouetteSampleRows, 2, nameof(SilhouetteSampleRows));
            if (EarlyStoppingPatience is int patience)
                AtLeast(patience, 1, nameof(EarlyStoppingPatience));
            if (CacheLimitBytes is < 0)
                throw new ArgumentOutOfRangeException(nameof(CacheLimitBytes), CacheLimitBytes, "The cache limit must be ≥ 0 bytes (or null).");
            if (MaxThreads is < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxThreads), MaxThreads, "The thread budget must be ≥ 1 (or null).");
        }

        internal Options Clone() => (Options)MemberwiseClone();

        /// <summary>The fit loop's options (spec B4's plateau schedule keeps ClamFitOptions' reference values).</summary>
        internal ClamFitOptions ToFitOptions() => new()
        {
            Beta = Beta,
            Alpha = Alpha,
            Steps = Steps,
            LearningRate = LearningRate,
            BatchSize = BatchSize,
            Epochs = NumberOfEpochs,
            MaskProbability = MaskProbability,
            MaskChangeCycle = MaskChangeCycle,
            MaskFill = (ClamMaskFill)(int)MaskValue,
            EarlyStoppingPatience = EarlyStoppingPatience,
        };

        private static void AtLeast(int value, int minimum, string name)
        {
            if (value < minimum)
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
        }
    }
}
