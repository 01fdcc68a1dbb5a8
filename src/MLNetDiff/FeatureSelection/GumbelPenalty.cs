using System;

namespace MLNetDiff.FeatureSelection;

/// <summary>The selection term λ·pen(mean m) of the GFSNetwork loss and its gradient (specs/gfsnetwork.md §2.4-2.5).</summary>
public readonly record struct GumbelPenalty
{
    /// <summary>Above this many features <see cref="GumbelPenaltyMode.Auto"/> means <see cref="GumbelPenaltyMode.Raw"/>
    /// (the reference library's switch).</summary>
    public const int AutoRawAbove = 10_000;

    /// <summary>Creates the term.</summary>
    /// <param name="mode">How the mean mask enters the loss.</param>
    /// <param name="balance">λ ≥ 0.</param>
    public GumbelPenalty(GumbelPenaltyMode mode, double balance)
    {
        if (mode is not (GumbelPenaltyMode.Raw or GumbelPenaltyMode.Target or GumbelPenaltyMode.Auto))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown penalty mode.");
        if (!(balance >= 0 && double.IsFinite(balance)))
            throw new ArgumentOutOfRangeException(nameof(balance), balance, "The balance λ must be finite and non-negative.");
        Mode = mode;
        Balance = balance;
    }

    /// <summary>No selection term (λ = 0).</summary>
    public static GumbelPenalty None => new(GumbelPenaltyMode.Raw, 0);

    /// <summary>The mode as configured.</summary>
    public GumbelPenaltyMode Mode { get; }

    /// <summary>λ.</summary>
    public double Balance { get; }

    /// <summary>The mode used for <paramref name="featureCount"/> features (<see cref="GumbelPenaltyMode.Auto"/> resolved).</summary>
    public GumbelPenaltyMode EffectiveMode(int featureCount) => Mode != GumbelPenaltyMode.Auto
        ? Mode
        : featureCount > AutoRawAbove ? GumbelPenaltyMode.Raw : GumbelPenaltyMode.Target;

    /// <summary>λ·mean(m) (raw) or λ·(mean(m) − 2/D)² (target).</summary>
    public double Value(double meanMask, int featureCount)
    {
        if (EffectiveMode(featureCount) == GumbelPenaltyMode.Raw)
            return Balance * meanMask;
        double gap = meanMask - 2.0 / featureCount;
        return Balance * gap * gap;
    }

    /// <summary>∂(term)/∂m_i, the same for every i: λ/D (raw) or 2λ(mean(m) − 2/D)/D (target).</summary>
    public double MaskGradient(double meanMask, int featureCount)
    {
        if (EffectiveMode(featureCount) == GumbelPenaltyMode.Raw)
            return Balance / featureCount;
        return 2 * Balance * (meanMask - 2.0 / featureCount) / featureCount;
    }
}
