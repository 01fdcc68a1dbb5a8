using System;
using Microsoft.ML.Trainers;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;

namespace MLNetDiff.Classification;

public sealed partial class AnyLossTrainer
{
    /// <summary>
    /// Settings of <see cref="AnyLossTrainer"/>. Defaults live here only; they are the ones behind the quality table in
    /// docs/quality/anyloss.md (no per-dataset tuning).
    /// </summary>
    public sealed class Options : TrainerInputBaseWithLabel
    {
        /// <summary>The metric to maximise. Default <see cref="BinaryMetric.F1"/>.</summary>
        public BinaryMetric Metric { get; set; } = BinaryMetric.F1;

        /// <summary>β of <see cref="BinaryMetric.FBeta"/> (&gt; 0; ignored by the other metrics). Default 1.</summary>
        public double Beta { get; set; } = 1.0;

        /// <summary>Amplification scale L of the soft confusion matrix (&gt; 0; spec default 73).</summary>
        public double Amplification { get; set; } = 73.0;

        /// <summary>Units of each hidden layer; empty for a linear model. Every size must be ≥ 1. Default one hidden
        /// layer of 32 units.</summary>
        public int[] HiddenLayerSizes { get; set; } = [32];

        /// <summary>Activation of the hidden layers. Default ReLU.</summary>
        public Activation HiddenActivation { get; set; } = Activation.Relu;

        /// <summary>Passes over the training data (≥ 1). Default 100.</summary>
        public int NumberOfEpochs { get; set; } = 100;

        /// <summary>Rows per mini-batch; 0 picks it from the metric and the training-set size (see docs/anyloss.md):
        /// soft confusion counts need batches that hold both classes. Default 0.</summary>
        public int BatchSize { get; set; }

        /// <summary>Adam learning rate (&gt; 0). Default 1e-3.</summary>
        public float LearningRate { get; set; } = 1e-3f;

        /// <summary>L2 weight decay (≥ 0). Default 0.</summary>
        public float L2Regularization { get; set; }

        /// <summary>Fraction of the training rows held out (stratified) to measure <see cref="Metric"/> for early stopping
        /// and the threshold search, when <c>Fit</c> gets no validation data; in [0, 1). Default 0: every row trains
        /// (holding out 10–20 % lowered the mean F1 of the quality table, docs/quality/anyloss.md), and early stopping and
        /// the threshold search run only when validation data is given or this is set.</summary>
        public float ValidationFraction { get; set; }

        /// <summary>Epochs without improvement of the validation metric tolerated before stopping (≥ 0); null trains all
        /// epochs. The weights of the best epoch are kept. Default 20.</summary>
        public int? EarlyStoppingPatience { get; set; } = 20;

        /// <summary>After training, search the logit threshold that maximises <see cref="Metric"/> on the validation rows
        /// and fold it into the output bias (so <c>Score &gt; 0</c> still is the decision). Default false.</summary>
        public bool ThresholdSearch { get; set; }

        /// <summary>Standardise features (z-score from the training rows) before training; the transform is folded into
        /// the first layer, so the model reads raw features. Default true.</summary>
        public bool StandardizeFeatures { get; set; } = true;

        /// <summary>Seed of the weight initialisation, validation split and batch order; null takes one from the
        /// <c>MLContext</c>'s seed. Default null.</summary>
        public int? Seed { get; set; }

        /// <summary>The loss minimised: <see cref="AnyLossTrainingLoss.SoftConfusion"/> (AnyLoss for <see cref="Metric"/>)
        /// or <see cref="AnyLossTrainingLoss.BinaryCrossEntropy"/> (the same network and settings trained with binary
        /// cross-entropy, as a baseline; early stopping and the threshold search still use <see cref="Metric"/>).
        /// Default <see cref="AnyLossTrainingLoss.SoftConfusion"/>.</summary>
        public AnyLossTrainingLoss Loss { get; set; } = AnyLossTrainingLoss.SoftConfusion;

        /// <summary>Whether <see cref="Loss"/> is binary cross-entropy (what the training run reads).</summary>
        internal bool UseCrossEntropyLoss => Loss == AnyLossTrainingLoss.BinaryCrossEntropy;

        /// <summary>Creates options with the default column names ("Features", "Label").</summary>
        public Options()
        {
            FeatureColumnName = "Features";
            LabelColumnName = "Label";
        }

        /// <summary>Throws <see cref="ArgumentException"/> whose parameter name is the first invalid option.</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(FeatureColumnName))
                throw new ArgumentException("The feature column name must be set.", nameof(FeatureColumnName));
            if (string.IsNullOrWhiteSpace(LabelColumnName))
                throw new ArgumentException("The label column name must be set.", nameof(LabelColumnName));
            if (!Enum.IsDefined(Metric))
                throw new ArgumentOutOfRangeException(nameof(Metric), Metric, $"Unknown {nameof(Metric)}.");
            if (!Enum.IsDefined(Loss))
                throw new ArgumentOutOfRangeException(nameof(Loss), Loss, $"Unknown {nameof(Loss)}.");
            if (!(Beta > 0 && double.IsFinite(Beta)))
                throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"{nameof(Beta)} must be positive and finite.");
            if (!(Amplification > 0 && double.IsFinite(Amplification)))
                throw new ArgumentOutOfRangeException(nameof(Amplification), Amplification, $"{nameof(Amplification)} (L) must be positive and finite.");
            if (HiddenLayerSizes is null)
                throw new ArgumentNullException(nameof(HiddenLayerSizes), $"{nameof(HiddenLayerSizes)} must be set (empty for a linear model).");
            foreach (int size in HiddenLayerSizes)
            {
                if (size < 1)
                    throw new ArgumentOutOfRangeException(nameof(HiddenLayerSizes), size, $"Every hidden layer needs at least 1 unit; {nameof(HiddenLayerSizes)} has {size}.");
            }
            if (!Enum.IsDefined(HiddenActivation))
                throw new ArgumentOutOfRangeException(nameof(HiddenActivation), HiddenActivation, $"Unknown {nameof(HiddenActivation)}.");
            if (NumberOfEpochs < 1)
                throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs, $"{nameof(NumberOfEpochs)} must be at least 1.");
            if (BatchSize < 0)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be positive, or 0 for automatic.");
            if (!(LearningRate > 0f && float.IsFinite(LearningRate)))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be positive and finite.");
            if (!(L2Regularization >= 0f && float.IsFinite(L2Regularization)))
                throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, $"{nameof(L2Regularization)} must be finite and non-negative.");
            if (!(ValidationFraction >= 0f && ValidationFraction < 1f))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"{nameof(ValidationFraction)} must be in [0, 1).");
            if (EarlyStoppingPatience < 0)
                throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"{nameof(EarlyStoppingPatience)} must be non-negative, or null to train every epoch.");
        }

        internal Options Clone()
        {
            var copy = (Options)MemberwiseClone();
            copy.HiddenLayerSizes = (int[])HiddenLayerSizes.Clone();
            return copy;
        }
    }
}
