using System;
using Microsoft.ML.Trainers;

namespace MLNetDiff.Clustering;

public sealed partial class NeuralKMeansTrainer
{
    /// <summary>
    /// Settings of <see cref="NeuralKMeansTrainer"/>; defaults live here only (docs/clustering.md, "Defaults").
    /// </summary>
    public sealed class Options : UnsupervisedTrainerInputBaseWithWeight
    {
        /// <summary>K, the number of clusters (≥ 2, at most the number of training rows). Default 5, as ML.NET's KMeans.</summary>
        public int NumberOfClusters { get; set; } = 5;

        /// <summary>Where rows and prototypes live. Default <see cref="NeuralKMeansGeometry.Euclidean"/>.</summary>
        public NeuralKMeansGeometry Geometry { get; set; } = NeuralKMeansGeometry.Euclidean;

        /// <summary>Shallow (cluster the standardised rows) or deep (cluster an encoder's latent codes, TELL's autoencoder
        /// front). Default <see cref="NeuralKMeansMode.Shallow"/>.</summary>
        public NeuralKMeansMode Mode { get; set; } = NeuralKMeansMode.Shallow;

        /// <summary>Deep mode: units of the encoder's hidden ReLU layers, input side first (each ≥ 1; empty: a linear
        /// encoder). The decoder mirrors them. Default { 64 }.</summary>
        public int[] EncoderHiddenWidths { get; set; } = [64];

        /// <summary>Deep mode: m, the latent code's width (≥ 1), where the prototypes live. Default 10 (TELL's).</summary>
        public int LatentDimension { get; set; } = 10;

        /// <summary>Deep mode: γ, the weight of the clustering loss in L = L_rec + γ·L_clu (spec A3; ≥ 0). Null: TELL's
        /// 0.01/K.</summary>
        public double? ClusteringWeight { get; set; }

        /// <summary>Deep mode: Adam's learning rate for the encoder and the decoder (spec A5). Default 1e-3.</summary>
        public double AutoencoderLearningRate { get; set; } = 1e-3;

        /// <summary>Deep mode: epochs of reconstruction-only training before the prototypes are seeded by k-means++ on the
        /// encoded rows (≥ 0; TELL's reference has none, but seeding from a random encoder's codes wastes the seeding).
        /// Default 50 (digits: NMI 0.59 after 10, 0.64 after 100; docs/clustering.md, "Deep mode").</summary>
        public int PretrainingEpochs { get; set; } = 50;

        /// <summary>Standardise features (z-score from the training rows, weighted) before anything else; the model keeps
        /// μ and σ, so it reads raw features. Off, the model space is the input space (TELL's reference normalises raw
        /// inputs in the spherical geometry). Default true: tabular features on different scales would otherwise weigh by
        /// their units.</summary>
        public bool StandardizeFeatures { get; set; } = true;

        /// <summary>Maximum passes over the data per restart (≥ 1). Default 50 (spec A5).</summary>
        public int NumberOfEpochs { get; set; } = 50;

        /// <summary>Rows per mini-batch (≥ 1). Default 256 (spec A5).</summary>
        public int BatchSize { get; set; } = 256;

        /// <summary>Independent runs, each from its own k-means++ seeding and batch order; the one with the lowest
        /// training objective (weighted mean squared distance to the nearest prototype) is kept (≥ 1). Default 3.</summary>
        public int NumberOfRestarts { get; set; } = 3;

        /// <summary>Early stopping: a restart ends after the first epoch whose objective improved on the previous
        /// epoch's by less than this fraction of it (≥ 0; 0 runs every epoch). Default 1e-4.</summary>
        public double OptimizationTolerance { get; set; } = 1e-4;

        /// <summary>Spherical geometry only: η_c, the length of a prototype's normalised step (spec A4; in (0, 1]).
        /// Default 0.1.</summary>
        public double PrototypeStep { get; set; } = 0.1;

        /// <summary>Spherical geometry only: decay the step as η_c/(1 + t/T) with T the batches of one epoch, so prototypes
        /// converge instead of jittering by O(η_c) (spec A4, A7). Default true.</summary>
        public bool DecayPrototypeStep { get; set; } = true;

        /// <summary>Rows of the uniform sample that k-means++ seeds from when the data is streamed (≥ number of clusters);
        /// data in memory seeds from every row. Default 20,000.</summary>
        public int InitializationSampleRows { get; set; } = 20_000;

        /// <summary>Largest data, in bytes of dense floats, read into memory; larger data (or any, when 0) is streamed with
        /// a shuffle buffer. Null: the engine's default (256 MiB).</summary>
        public long? CacheLimitBytes { get; set; }

        /// <summary>Kernel threads of the fit; null keeps the backend's budget.</summary>
        public int? MaxThreads { get; set; }

        /// <summary>Seed of the seeding, batch order and reservoir; null takes one from the <c>MLContext</c>'s seed.</summary>
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
            if (!Enum.IsDefined(Geometry))
                throw new ArgumentOutOfRangeException(nameof(Geometry), Geometry, $"Unknown {nameof(Geometry)}.");
            if (!Enum.IsDefined(Mode))
                throw new ArgumentOutOfRangeException(nameof(Mode), Mode, $"Unknown {nameof(Mode)}.");
            if (EncoderHiddenWidths is null)
                throw new ArgumentNullException(nameof(EncoderHiddenWidths), $"{nameof(EncoderHiddenWidths)} must be set (an empty array means a linear encoder).");
            for (int i = 0; i < EncoderHiddenWidths.Length; i++)
            {
                if (EncoderHiddenWidths[i] < 1)
                    throw new ArgumentOutOfRangeException(nameof(EncoderHiddenWidths), EncoderHiddenWidths[i],
                        $"{nameof(EncoderHiddenWidths)}[{i}] is {EncoderHiddenWidths[i]}; every autoencoder width must be at least 1.");
            }
            if (LatentDimension < 1)
                throw new ArgumentOutOfRangeException(nameof(LatentDimension), LatentDimension, $"{nameof(LatentDimension)} (the autoencoder's latent width) must be at least 1.");
            if (ClusteringWeight is double gamma && !(gamma >= 0 && double.IsFinite(gamma)))
                throw new ArgumentOutOfRangeException(nameof(ClusteringWeight), gamma, $"{nameof(ClusteringWeight)} (γ) must be finite and non-negative (or null for 0.01/K).");
            if (!(AutoencoderLearningRate > 0 && double.IsFinite(AutoencoderLearningRate)))
                throw new ArgumentOutOfRangeException(nameof(AutoencoderLearningRate), AutoencoderLearningRate, $"{nameof(AutoencoderLearningRate)} must be finite and positive.");
            if (PretrainingEpochs < 0)
                throw new ArgumentOutOfRangeException(nameof(PretrainingEpochs), PretrainingEpochs, $"{nameof(PretrainingEpochs)} must be at least 0.");
            if (NumberOfEpochs < 1)
                throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs, $"{nameof(NumberOfEpochs)} must be at least 1.");
            if (BatchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be at least 1.");
            if (NumberOfRestarts < 1)
                throw new ArgumentOutOfRangeException(nameof(NumberOfRestarts), NumberOfRestarts, $"{nameof(NumberOfRestarts)} must be at least 1.");
            if (!(OptimizationTolerance >= 0 && double.IsFinite(OptimizationTolerance)))
                throw new ArgumentOutOfRangeException(nameof(OptimizationTolerance), OptimizationTolerance, $"{nameof(OptimizationTolerance)} must be finite and non-negative.");
            if (!(PrototypeStep > 0 && PrototypeStep <= 1))
                throw new ArgumentOutOfRangeException(nameof(PrototypeStep), PrototypeStep, $"{nameof(PrototypeStep)} must be in (0, 1].");
            if (InitializationSampleRows < NumberOfClusters)
                throw new ArgumentOutOfRangeException(nameof(InitializationSampleRows), InitializationSampleRows, $"{nameof(InitializationSampleRows)} must be at least {nameof(NumberOfClusters)} ({NumberOfClusters}).");
            if (CacheLimitBytes is < 0)
                throw new ArgumentOutOfRangeException(nameof(CacheLimitBytes), CacheLimitBytes, "The cache limit must be ≥ 0 bytes (or null).");
            if (MaxThreads is < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxThreads), MaxThreads, "The thread budget must be ≥ 1 (or null).");
        }

        // The widths are copied: a caller changing its array after building the trainer must not change the fit.
        internal Options Clone()
        {
            var copy = (Options)MemberwiseClone();
            copy.EncoderHiddenWidths = [.. EncoderHiddenWidths];
            return copy;
        }
    }
}
