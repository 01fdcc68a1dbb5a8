using System;

namespace MLNetDiff.Nn.Schedules;

/// <summary>Step decay: lr = base · γ^⌊epoch / <see cref="EpochsPerDecay"/>⌋, with epoch = ⌊step / stepsPerEpoch⌋.</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="epochsPerDecay">Epochs between two decays (≥ 1).</param>
    /// <param name="gamma">Multiplicative factor per decay, in (0, 1].</param>
    public StepDecaySchedule(int epochsPerDecay, float gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochsPerDecay);
        if (!(gamma > 0f && gamma <= 1f))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        EpochsPerDecay = epochsPerDecay;
        Gamma = gamma;
    }

    /// <summary>Epochs between decays.</summary>
    public int EpochsPerDecay { get; }

    /// <summary>Decay factor.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override float GetLearningRate(float baseLearningRate, long step, long totalSteps, long stepsPerEpoch)
    {
        long epoch = step / Math.Max(1, stepsPerEpoch);
        return (float)(baseLearningRate * Math.Pow(Gamma, epoch / EpochsPerDecay));
    }
}
