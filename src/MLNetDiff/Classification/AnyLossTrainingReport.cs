using System;

namespace MLNetDiff.Classification;

/// <summary>What one <see cref="AnyLossTrainer"/> run did: batches, epochs, early stopping, and the validation metric
/// before and after the optional threshold search (reported separately, as the threshold is not part of AnyLoss).</summary>
public sealed class AnyLossTrainingReport
{
    internal AnyLossTrainingReport(int batchSize, int trainRows, int validationRows, int epochsCompleted, int bestEpoch,
        bool stoppedEarly, double? validationMetric, float decisionThreshold, double? validationMetricAfterThreshold,
        TimeSpan elapsed)
    {
        BatchSize = batchSize;
        TrainRows = trainRows;
        ValidationRows = validationRows;
        EpochsCompleted = epochsCompleted;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        ValidationMetric = validationMetric;
        DecisionThreshold = decisionThreshold;
        ValidationMetricAfterThreshold = validationMetricAfterThreshold;
        Elapsed = elapsed;
    }

    /// <summary>Rows per mini-batch used.</summary>
    public int BatchSize { get; }

    /// <summary>Rows the network was trained on (after holding out validation rows).</summary>
    public int TrainRows { get; }

    /// <summary>Validation rows (0 when none).</summary>
    public int ValidationRows { get; }

    /// <summary>Epochs run.</summary>
    public int EpochsCompleted { get; }

    /// <summary>Epoch whose weights were kept, 0-based; -1 without validation rows (then the last epoch's weights are kept).</summary>
    public int BestEpoch { get; }

    /// <summary>Whether early stopping ended training.</summary>
    public bool StoppedEarly { get; }

    /// <summary>The trained metric on the validation rows at the kept epoch, thresholding the logit at 0; null without
    /// validation rows.</summary>
    public double? ValidationMetric { get; }

    /// <summary>Logit threshold chosen by the threshold search (0 when the search was off or found nothing better).</summary>
    public float DecisionThreshold { get; }

    /// <summary>The validation metric at <see cref="DecisionThreshold"/>; null when the search was off.</summary>
    public double? ValidationMetricAfterThreshold { get; }

    /// <summary>Wall-clock training time.</summary>
    public TimeSpan Elapsed { get; }
}
