using System;

namespace MLNetDiff.FeatureSelection;

/// <summary>What one GFSNetwork fit produced (internal; the transformer exposes it).</summary>
internal sealed record GumbelSelectionResult(
    float[] Logits,
    int[]? Votes,
    int[] Selected,
    bool BelowMinimum,
    int Epochs,
    long Steps,
    double FinalLoss,
    TimeSpan Elapsed)
{
    /// <summary>The null fit's cut (<see cref="GumbelSelectionRule.NullCalibrated"/>), or null when there was none.</summary>
    public float? NullThreshold { get; init; }
}
