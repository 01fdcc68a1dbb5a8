using System;

namespace MLNetDiff.Nn.Training;

/// <summary>
/// A progress report of <see cref="NetworkTrainer.Fit(Data.BatchSource, Data.BatchSource?, IProgress{TrainingProgress}?, System.Threading.CancellationToken)"/>:
/// sent every <see cref="TrainingOptions.ProgressInterval"/> steps and at the end of every epoch (a struct, so reporting
/// allocates nothing).
/// </summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="TotalEpochs">Configured number of epochs.</param>
/// <param name="Step">Optimizer steps done so far by the trainer.</param>
/// <param name="EpochRows">Training rows seen in this epoch so far.</param>
/// <param name="TrainLoss">Mean training loss of this epoch so far.</param>
/// <param name="ValidationLoss">Validation loss (end-of-epoch reports with validation data only).</param>
/// <param name="ValidationMetric">Custom validation metric (when one is configured, end of epoch only).</param>
/// <param name="RowsPerSecond">Training throughput of this epoch so far (forward, backward, update and data).</param>
/// <param name="IsEpochEnd">True for the report that closes an epoch.</param>
/// <param name="Elapsed">Time since the start of the fit.</param>
public readonly record struct TrainingProgress(
    int Epoch,
    int TotalEpochs,
    long Step,
    long EpochRows,
    double TrainLoss,
    double? ValidationLoss,
    double? ValidationMetric,
    double RowsPerSecond,
    bool IsEpochEnd,
    TimeSpan Elapsed);
