using System;
using System.Collections.Generic;

namespace MLNetDiff.Clustering;

/// <summary>What a <see cref="ClamTrainer"/> fit did, reached as <c>model.TrainingReport</c>; null for a model loaded
/// from a file (the report is not saved).</summary>
public sealed class ClamTrainingReport
{
    internal ClamTrainingReport(ClamRestartSelection selection, double[] silhouettes, double[] unmaskedLosses,
        double[] trainingLosses, int[] epochs, int[] bestEpochs, double[][] epochLosses, int bestRestart, long rows,
        TimeSpan elapsed)
    {
        Selection = selection;
        _silhouettes = silhouettes;
        _unmaskedLosses = unmaskedLosses;
        _trainingLosses = trainingLosses;
        _epochs = epochs;
        _bestEpochs = bestEpochs;
        _epochLosses = epochLosses;
        BestRestart = bestRestart;
        Rows = rows;
        Elapsed = elapsed;
    }

    private readonly double[] _silhouettes;
    private readonly double[] _unmaskedLosses;
    private readonly double[] _trainingLosses;
    private readonly int[] _epochs;
    private readonly int[] _bestEpochs;
    private readonly double[][] _epochLosses;

    /// <summary>The criterion that chose <see cref="BestRestart"/>.</summary>
    public ClamRestartSelection Selection { get; }

    /// <summary>Per restart, the silhouette of its labels on the model-space training rows (sampled as the options say;
    /// −1 when the labels fall in fewer than two clusters). Computed only for <see cref="ClamRestartSelection.Silhouette"/>,
    /// otherwise NaN.</summary>
    public IReadOnlyList<double> Silhouettes => _silhouettes;

    /// <summary>Per restart, the weighted mean unmasked reconstruction loss ‖z − A(z)‖² of the training rows.</summary>
    public IReadOnlyList<double> UnmaskedLosses => _unmaskedLosses;

    /// <summary>Per restart, the lowest epoch loss (the sum of its masked batch losses, spec B4.4), whose prototypes the
    /// restart returned.</summary>
    public IReadOnlyList<double> TrainingLosses => _trainingLosses;

    /// <summary>Epochs each restart ran (fewer than the maximum when the learning-rate floor or early stopping ended it).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>Per restart, the 1-based epoch whose prototypes it returned.</summary>
    public IReadOnlyList<int> BestEpochs => _bestEpochs;

    /// <summary>Per restart, every epoch's loss.</summary>
    public IReadOnlyList<IReadOnlyList<double>> EpochLosses => _epochLosses;

    /// <summary>The restart whose prototypes the model holds (the first on ties).</summary>
    public int BestRestart { get; }

    /// <summary>Training rows.</summary>
    public long Rows { get; }

    /// <summary>Wall time of the fit.</summary>
    public TimeSpan Elapsed { get; }
}
