using System;
using MLNetDiff.Nn.Schedules;

namespace MLNetDiff.Nn.Tests.Schedules;

[TestClass]
public sealed class ScheduleTests
{
    [TestMethod]
    public void ConstantIsConstant() =>
        Assert.AreEqual(0.5f, ConstantSchedule.Instance.GetLearningRate(0.5f, 123, 1000, 10));

    [TestMethod]
    public void StepDecayDecaysEveryKEpochs()
    {
        var schedule = new StepDecaySchedule(2, 0.5f);
        Assert.AreEqual(1f, schedule.GetLearningRate(1f, 0, 100, 10), 1e-7f);
        Assert.AreEqual(1f, schedule.GetLearningRate(1f, 19, 100, 10), 1e-7f);
        Assert.AreEqual(0.5f, schedule.GetLearningRate(1f, 20, 100, 10), 1e-7f);
        Assert.AreEqual(0.25f, schedule.GetLearningRate(1f, 45, 100, 10), 1e-7f);
    }

    [TestMethod]
    public void CosineWarmsUpThenAnneals()
    {
        var schedule = new CosineSchedule(warmupSteps: 10, minimumFactor: 0.1f);
        Assert.AreEqual(0.1f, schedule.GetLearningRate(1f, 0, 110, 10), 1e-6f);
        Assert.AreEqual(1f, schedule.GetLearningRate(1f, 9, 110, 10), 1e-6f);
        Assert.AreEqual(1f, schedule.GetLearningRate(1f, 10, 110, 10), 1e-6f);
        Assert.AreEqual(0.55f, schedule.GetLearningRate(1f, 60, 110, 10), 1e-6f);
        Assert.AreEqual(0.1f, schedule.GetLearningRate(1f, 110, 110, 10), 1e-6f);
    }

    [TestMethod]
    public void InvalidArgumentsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0, 0.5f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepDecaySchedule(1, 1.5f));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CosineSchedule(-1));
    }
}
