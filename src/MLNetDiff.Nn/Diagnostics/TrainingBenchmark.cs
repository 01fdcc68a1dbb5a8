using System;
using System.Diagnostics;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Diagnostics;

/// <summary>Measures training steps per second on in-memory data, the way a training loop runs them: per-epoch shuffle,
/// batch gather, forward, loss, backward, optional clipping and one optimizer call.</summary>
public static class TrainingBenchmark
{
    /// <summary>Runs <paramref name="warmupSteps"/> untimed steps (JIT tier-up, buffer allocation), then
    /// <paramref name="steps"/> timed steps of <see cref="TrainingOptions.BatchSize"/> rows.</summary>
    /// <param name="trainer">Trainer (its network is trained in place).</param>
    /// <param name="data">Training data.</param>
    /// <param name="steps">Timed steps (≥ 1).</param>
    /// <param name="warmupSteps">Untimed steps first (≥ 0).</param>
    /// <param name="order">Batch order (shuffled by default, as in a real fit).</param>
    public static ThroughputResult Run(NetworkTrainer trainer, InMemoryDataset data, int steps, int warmupSteps = 50,
        BatchOrder order = BatchOrder.Shuffled)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        TrainingOptions options = trainer.Options;
        int batch = options.BatchSize;
        var source = new InMemoryBatchSource(data, order, (ulong)(uint)options.Seed);
        var features = new float[batch * data.FeatureCount];
        var labels = new float[batch * Math.Max(1, data.LabelSize)];
        trainer.StepsPerEpoch = Math.Max(1, (data.RowCount + batch - 1) / batch);
        trainer.TotalSteps = trainer.StepsPerEpoch * options.Epochs;
        int epoch = 0;
        double loss = 0;

        long RunSteps(int count)
        {
            long rowsDone = 0;
            for (int s = 0; s < count; s++)
            {
                int rows = source.NextBatch(batch, features, labels);
                if (rows == 0)
                {
                    source.Reset(++epoch);
                    rows = source.NextBatch(batch, features, labels);
                }
                loss = trainer.TrainStep(features, labels, rows);
                rowsDone += rows;
            }
            return rowsDone;
        }

        RunSteps(warmupSteps);
        long start = Stopwatch.GetTimestamp();
        long rowsTimed = RunSteps(steps);
        return new ThroughputResult(steps, rowsTimed, Stopwatch.GetElapsedTime(start), loss);
    }
}
