using System;

namespace MLNetDiff.Nn.Schedules;

/// <summary>
/// Cosine annealing with optional linear warm-up: during the first <see cref="WarmupSteps"/> steps
/// lr = base·(step + 1)/warmup; afterwards lr = min + (base − min)·½(1 + cos(π·t)), t = (step − warmup)/(total − warmup),
/// min = base·<see cref="MinimumFactor"/>.
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="warmupSteps">Linear warm-up steps (≥ 0).</param>
    /// <param name="minimumFactor">Final learning rate as a fraction of the base, in [0, 1].</param>
    public CosineSchedule(int warmupSteps = 0, float minimumFactor = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (!(minimumFactor >= 0f && minimumFactor <= 1f))
            throw new ArgumentOutOfRangeException(nameof(minimumFactor), minimumFactor, "The minimum factor must be in [0, 1].");
        WarmupSteps = warmupSteps;
        MinimumFactor = minimumFactor;
    }

    /// <summary>Warm-up steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>Final learning rate as a fraction of the base.</summary>
    public float MinimumFactor { get; }

    /// <inheritdoc/>
    public override float GetLearningRate(float baseLearningRate, long step, long totalSteps, long stepsPerEpoch)
    {
        if (step < WarmupSteps)
            return baseLearningRate * (step + 1) / WarmupSteps;
        long span = Math.Max(1, totalSteps - WarmupSteps);
        double t = Math.Clamp((double)(step - WarmupSteps) / span, 0, 1);
        double minimum = baseLearningRate * (double)MinimumFactor;
        return (float)(minimum + (baseLearningRate - minimum) * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }
}
