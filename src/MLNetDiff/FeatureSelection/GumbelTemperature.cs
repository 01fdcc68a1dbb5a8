using System;

namespace MLNetDiff.FeatureSelection;

/// <summary>The temperature schedule τ_e = τ₀·γ^e, multiplied by γ after every epoch, no floor other than
/// <see cref="GumbelGate.MinimumTemperature"/> (specs/gfsnetwork.md §2.6).</summary>
public static class GumbelTemperature
{
    /// <summary>τ at the start of epoch <paramref name="epoch"/> (0-based).</summary>
    /// <param name="epoch">Epochs completed.</param>
    /// <param name="start">τ₀ &gt; 0 (reference: 2).</param>
    /// <param name="decay">γ in (0, 1] (reference: 0.997).</param>
    public static double At(int epoch, double start = 2.0, double decay = 0.997)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!(start > 0 && double.IsFinite(start)))
            throw new ArgumentOutOfRangeException(nameof(start), start, "The start temperature must be positive and finite.");
        if (!(decay > 0 && decay <= 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The temperature decay must be in (0, 1].");
        return Math.Max(start * Math.Pow(decay, epoch), GumbelGate.MinimumTemperature);
    }
}
