using System;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Produces the mini-batches of one epoch at a time into caller-owned buffers. Implementations allocate at
/// construction and at <see cref="Reset"/>, never in <see cref="NextBatch(int, Span{float}, Span{float})"/>.
/// </summary>
public abstract class BatchSource
{
    /// <summary>Features per row.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Label floats per row (0 when unlabelled).</summary>
    public abstract int LabelSize { get; }

    /// <summary>Rows per epoch, or null when not known in advance.</summary>
    public abstract long? RowCount { get; }

    /// <summary>Starts epoch <paramref name="epoch"/>: rewinds, and draws this epoch's order (a pure function of the
    /// source's seed and <paramref name="epoch"/>).</summary>
    public abstract void Reset(int epoch);

    /// <summary>Writes up to <paramref name="maxRows"/> rows into <paramref name="features"/> (row-major, FeatureCount
    /// per row) and <paramref name="labels"/> (LabelSize per row); returns the number written, 0 at the end of the epoch.</summary>
    public abstract int NextBatch(int maxRows, Span<float> features, Span<float> labels);

    /// <summary>True when rows carry weights (<see cref="NextBatch(int, Span{float}, Span{float}, Span{float})"/> then
    /// writes them; otherwise it writes 1 for every row).</summary>
    public virtual bool HasWeights => false;

    /// <summary>Like <see cref="NextBatch(int, Span{float}, Span{float})"/>, and writes each row's weight into
    /// <paramref name="weights"/> (at least <paramref name="maxRows"/> floats; empty to skip).</summary>
    public virtual int NextBatch(int maxRows, Span<float> features, Span<float> labels, Span<float> weights)
    {
        int rows = NextBatch(maxRows, features, labels);
        if (!weights.IsEmpty)
            weights.Slice(0, rows).Fill(1f);
        return rows;
    }

    /// <summary>Checks the caller's buffers for <see cref="NextBatch(int, Span{float}, Span{float})"/>.</summary>
    protected void CheckBuffers(int maxRows, Span<float> features, Span<float> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        if (features.Length < (long)maxRows * FeatureCount)
            throw new ArgumentException($"'{nameof(features)}' holds {features.Length} floats; {maxRows} rows need {(long)maxRows * FeatureCount}.", nameof(features));
        if (labels.Length < (long)maxRows * LabelSize)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} floats; {maxRows} rows need {(long)maxRows * LabelSize}.", nameof(labels));
    }
}
