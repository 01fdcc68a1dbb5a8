using System;
using System.Collections.Generic;

namespace MLNetDiff.Clustering;

/// <summary>What a <see cref="NeuralKMeansTrainer"/> fit did, reached as <c>model.TrainingReport</c>; null for a model
/// loaded from a file (the report is not saved).</summary>
public sealed class NeuralKMeansTrainingReport
{
    internal NeuralKMeansTrainingReport(double[] objectives, int[] epochs, double[][] epochObjectives, int bestRestart, long rows, bool streamed,
        TimeSpan elapsed)
    {
        _objectives = objectives;
        _epochs = epochs;
        _epochObjectives = epochObjectives;
        BestRestart = bestRestart;
        Rows = rows;
        Streamed = streamed;
        Elapsed = elapsed;
    }

    private readonly double[] _objectives;
    private readonly int[] _epochs;
    private readonly double[][] _epochObjectives;

    /// <summary>Per restart, the objective of each epoch as measured during its pass (the early-stopping signal).</summary>
    public IReadOnlyList<IReadOnlyList<double>> EpochObjectives => _epochObjectives;

    /// <summary>Each restart's final objective: the weighted mean squared model-space distance of the training rows to
    /// their nearest prototype, measured in a pass after training (for the kept model it equals the mean minimum Score
    /// on the training rows, weighted).</summary>
    public IReadOnlyList<double> Objectives => _objectives;

    /// <summary>Epochs each restart ran (fewer than the maximum when early stopping ended it).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>The restart whose prototypes the model holds (lowest objective; the first on ties).</summary>
    public int BestRestart { get; }

    /// <summary>The kept restart's objective.</summary>
    public double Objective => _objectives[BestRestart];

    /// <summary>Training rows read per pass.</summary>
    public long Rows { get; }

    /// <summary>True when the rows were streamed from the data view (larger than the cache limit).</summary>
    public bool Streamed { get; }

    /// <summary>Wall time of the fit.</summary>
    public TimeSpan Elapsed { get; }
}
