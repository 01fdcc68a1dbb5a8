using System;
using System.Collections.Generic;
using System.Linq;

namespace MLNetDiff.Cli.Comparison;

/// <summary>One trainer's metrics over every fold, with their mean and standard deviation; or, when it could not fit
/// or score a fold, why (<see cref="Failure"/>), and no metrics.</summary>
internal sealed class TrainerResult(string trainer, IReadOnlyList<FoldResult> folds, string? failure = null)
{
    public string Trainer { get; } = trainer;

    public IReadOnlyList<FoldResult> Folds { get; } = failure is null ? folds : [];

    /// <summary>Null when every fold ran; otherwise the fold, its rows and the error.</summary>
    public string? Failure { get; } = failure;

    public bool Failed => Failure is not null;

    /// <summary>Mean ± std over folds of metric <paramref name="index"/> (NaN for a failed trainer).</summary>
    public MeanStd Metric(int index) => MeanStd.Of(Folds.Select(f => f.Metrics[index]));

    public MeanStd TrainSeconds => MeanStd.Of(Folds.Select(f => f.TrainSeconds));

    public static TrainerResult FailedAt(string trainer, string failure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failure);
        return new TrainerResult(trainer, [], failure);
    }
}
