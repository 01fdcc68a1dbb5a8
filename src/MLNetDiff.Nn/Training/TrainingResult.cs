using System;
using System.Collections.Generic;

namespace MLNetDiff.Nn.Training;

/// <summary>The outcome of a fit.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(IReadOnlyList<EpochSummary> epochs, long steps, bool stoppedEarly, int bestEpoch,
        double? bestValidationScore, bool restoredBestWeights, TimeSpan elapsed, long trainRows, TimeSpan trainTime)
    {
        Epochs = epochs;
        Steps = steps;
        StoppedEarly = stoppedEarly;
        BestEpoch = bestEpoch;
        BestValidationScore = bestValidationScore;
        RestoredBestWeights = restoredBestWeights;
        Elapsed = elapsed;
        TrainRows = trainRows;
        RowsPerSecond = trainTime > TimeSpan.Zero ? trainRows / trainTime.TotalSeconds : 0;
    }

    /// <summary>One summary per completed epoch.</summary>
    public IReadOnlyList<EpochSummary> Epochs { get; }

    /// <summary>Epochs completed.</summary>
    public int EpochsCompleted => Epochs.Count;

    /// <summary>Optimizer steps taken by this fit.</summary>
    public long Steps { get; }

    /// <summary>True when early stopping ended the fit before the configured number of epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>0-based epoch with the best validation score; −1 without validation data.</summary>
    public int BestEpoch { get; }

    /// <summary>The best validation score (the metric if configured, else the loss); null without validation data.</summary>
    public double? BestValidationScore { get; }

    /// <summary>True when the network's parameters were reset to those of <see cref="BestEpoch"/>.</summary>
    public bool RestoredBestWeights { get; }

    /// <summary>Wall time of the fit.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Training rows processed (over all epochs).</summary>
    public long TrainRows { get; }

    /// <summary>Training throughput over all epochs, excluding validation passes.</summary>
    public double RowsPerSecond { get; }
}
