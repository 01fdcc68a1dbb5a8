namespace MLNetDiff.Nn.Schedules;

/// <summary>The base learning rate at every step.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>A shared instance (the schedule has no state).</summary>
    public static ConstantSchedule Instance { get; } = new();

    /// <inheritdoc/>
    public override float GetLearningRate(float baseLearningRate, long step, long totalSteps, long stepsPerEpoch)
        => baseLearningRate;
}
