using System;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// The reference's learning-rate plateau rule (specs/clustering.md B4.4): once W + 1 epoch losses exist, compare the
/// moving average of the last W with that of the W before the latest; when it fell by less than the minimum decrease
/// for P consecutive epochs, multiply the rate by the factor and start counting again.
/// </summary>
internal sealed class ClamPlateauSchedule
{
    private readonly double _factor, _minDecrease;
    private readonly int _patience;
    private readonly double[] _window; // ring of the last W + 1 losses
    private int _count, _flat;

    public ClamPlateauSchedule(double learningRate, double factor, int patience, double minDecrease, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1, nameof(window));
        LearningRate = learningRate;
        _factor = factor;
        _patience = patience;
        _minDecrease = minDecrease;
        _window = new double[window + 1];
    }

    /// <summary>The rate for the next epoch.</summary>
    public double LearningRate { get; private set; }

    /// <summary>Takes an epoch's loss and returns the rate for the next epoch.</summary>
    public double Next(double epochLoss)
    {
        int w = _window.Length - 1;
        _window[_count % _window.Length] = epochLoss;
        _count++;
        if (_count <= w)
            return LearningRate;
        // Both averages share W − 1 losses: their difference is (oldest − newest) / W.
        double oldest = _window[_count % _window.Length], newest = epochLoss;
        double decrease = (oldest - newest) / w;
        _flat = decrease < _minDecrease ? _flat + 1 : 0;
        if (_flat >= _patience)
        {
            LearningRate *= _factor;
            _flat = 0;
        }
        return LearningRate;
    }
}
