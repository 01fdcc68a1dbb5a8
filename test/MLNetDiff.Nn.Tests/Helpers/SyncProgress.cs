using System;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>Runs the callback synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> callback) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => callback(value);
}
