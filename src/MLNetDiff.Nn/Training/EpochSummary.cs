using System;

namespace MLNetDiff.Nn.Training;

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (weighted by rows).</param>
/// <param name="ValidationLoss">Validation loss after the epoch, when there is validation data.</param>
/// <param name="ValidationMetric">Custom validation metric after the epoch, when configured.</param>
/// <param name="Rows">Training rows in the epoch.</param>
/// <param name="Duration">Wall time of the epoch including validation.</param>
public sealed record EpochSummary(int Epoch, double TrainLoss, double? ValidationLoss, double? ValidationMetric,
    long Rows, TimeSpan Duration);
