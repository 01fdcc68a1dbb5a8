using System;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>Training steps as a steady-state loop runs them: the next batch of the source (a new epoch when it runs
/// out) and one <see cref="NetworkTrainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>, with the batch
/// buffers allocated once here, so an allocation test measures the engine, not the loop.</summary>
internal sealed class SteadySteps
{
    private readonly NetworkTrainer _trainer;
    private readonly InMemoryBatchSource _source;
    private readonly int _batch;
    private readonly float[] _features, _labels;
    private readonly float[]? _weights;
    private int _epoch;

    /// <param name="weighted">Gather row weights with each batch and take weighted steps.</param>
    public SteadySteps(NetworkTrainer trainer, InMemoryBatchSource source, int batch, int featureCount, bool weighted = false)
    {
        _trainer = trainer;
        _source = source;
        _batch = batch;
        _features = new float[batch * featureCount];
        _labels = new float[batch];
        _weights = weighted ? new float[batch] : null;
    }

    public void Run(int count)
    {
        for (int s = 0; s < count; s++)
        {
            int rows = NextBatch();
            if (rows == 0)
            {
                _source.Reset(++_epoch);
                rows = NextBatch();
            }
            if (_weights is null)
                _trainer.TrainStep(_features, _labels, rows);
            else
                _trainer.TrainStep(_features, _labels, _weights.AsSpan(0, rows), rows);
        }
    }

    private int NextBatch() => _weights is null
        ? _source.NextBatch(_batch, _features, _labels)
        : _source.NextBatch(_batch, _features, _labels, _weights);
}
