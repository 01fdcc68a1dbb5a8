namespace MLNetDiff.Nn.Training;

/// <summary>Tracks the best validation score and counts epochs without improvement.</summary>
internal sealed class EarlyStoppingMonitor
{
    private readonly bool _higherIsBetter;
    private readonly double _minDelta;
    private readonly int? _patience;
    private int _epochsWithoutImprovement;

    public EarlyStoppingMonitor(TrainingOptions options, bool hasValidation)
    {
        _higherIsBetter = options.ValidationMetric?.HigherIsBetter ?? false;
        _minDelta = options.EarlyStoppingMinDelta;
        _patience = hasValidation ? options.EarlyStoppingPatience : null;
    }

    public int BestEpoch { get; private set; } = -1;

    public double BestScore { get; private set; }

    public bool ShouldStop => _patience is int patience && _epochsWithoutImprovement > patience;

    /// <summary>Records an epoch's score; returns true when it is a new best.</summary>
    public bool Observe(int epoch, double score)
    {
        bool improved = BestEpoch < 0
            || (_higherIsBetter ? score > BestScore + _minDelta : score < BestScore - _minDelta);
        if (improved && double.IsFinite(score))
        {
            BestEpoch = epoch;
            BestScore = score;
            _epochsWithoutImprovement = 0;
            return true;
        }
        _epochsWithoutImprovement++;
        return false;
    }
}
