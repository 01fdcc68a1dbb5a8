namespace MLNetDiff.Nn.Schedules;

/// <summary>Maps the training position to a learning rate, as a factor of the base learning rate.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of step <paramref name="step"/>.</summary>
    /// <param name="baseLearningRate">The configured learning rate.</param>
    /// <param name="step">0-based optimizer step.</param>
    /// <param name="totalSteps">Steps of the whole run (≥ 1; an estimate when the data size is unknown).</param>
    /// <param name="stepsPerEpoch">Steps per epoch (≥ 1).</param>
    public abstract float GetLearningRate(float baseLearningRate, long step, long totalSteps, long stepsPerEpoch);
}
