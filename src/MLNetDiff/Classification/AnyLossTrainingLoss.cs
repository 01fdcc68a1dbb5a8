namespace MLNetDiff.Classification;

/// <summary>What <see cref="AnyLossTrainer"/> minimises (<see cref="AnyLossTrainer.Options.Loss"/>).</summary>
public enum AnyLossTrainingLoss
{
    /// <summary>The AnyLoss objective: one minus <see cref="AnyLossTrainer.Options.Metric"/> computed on the amplified
    /// soft confusion matrix (specs/anyloss.md). The default, and the point of the trainer.</summary>
    SoftConfusion = 0,

    /// <summary>Binary cross-entropy on the logit: the same network, initialisation, batches, optimiser, validation split
    /// and early stopping (still on <see cref="AnyLossTrainer.Options.Metric"/>), with only the loss changed. A baseline
    /// that tells what the metric-matched loss itself adds (the <c>BCE-&lt;network&gt;</c> row of
    /// <c>mlnetdiff compare binary</c>).</summary>
    BinaryCrossEntropy = 1,
}
