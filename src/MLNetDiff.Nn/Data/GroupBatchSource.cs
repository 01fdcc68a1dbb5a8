using System;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Produces mini-batches of whole groups (ranking queries), each padded to the largest group of the batch, with a mask
/// that is the row weight on real rows and 0 on padding; one epoch at a time, into caller-owned buffers.
/// </summary>
/// <remarks>Layout of a batch of G groups padded to S slots: features G × S × FeatureCount, labels G × S × LabelSize and
/// mask G × S, row-major; group g's rows sit in slots g·S … g·S + size_g − 1 in data order, padding rows are all zero.
/// Pass the mask as the row weights of the loss (a zero weight removes the row); a listwise loss reads the group
/// structure from S. Implementations: <see cref="InMemoryGroupBatchSource"/> (shuffled groups) and
/// <see cref="StreamingGroupBatchSource"/> (groups in data order, memory bounded by the batch).</remarks>
public abstract class GroupBatchSource
{
    /// <summary>Features per row.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Label floats per row.</summary>
    public abstract int LabelSize { get; }

    /// <summary>The most rows a group can have: buffers of maxGroups × this rows always suffice.</summary>
    public abstract int MaxGroupSize { get; }

    /// <summary>Starts epoch <paramref name="epoch"/>: rewinds and draws this epoch's group order.</summary>
    public abstract void Reset(int epoch);

    /// <summary>Writes the next up to <paramref name="maxGroups"/> whole groups (see the class remarks for the layout).</summary>
    /// <param name="maxGroups">Most groups in the batch (≥ 1).</param>
    /// <param name="features">At least maxGroups × <see cref="MaxGroupSize"/> × FeatureCount floats.</param>
    /// <param name="labels">At least maxGroups × MaxGroupSize × LabelSize floats.</param>
    /// <param name="mask">At least maxGroups × MaxGroupSize floats: the row weight, 0 on padding.</param>
    /// <param name="slotsPerGroup">S, the padded size of every group of this batch (its largest group).</param>
    /// <returns>Groups written (G; the batch has G × S rows), 0 at the end of the epoch.</returns>
    public abstract int NextBatch(int maxGroups, Span<float> features, Span<float> labels, Span<float> mask, out int slotsPerGroup);

    /// <summary>Checks the caller's buffers for <see cref="NextBatch"/>.</summary>
    protected void CheckBuffers(int maxGroups, Span<float> features, Span<float> labels, Span<float> mask)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroups);
        long capacity = (long)maxGroups * MaxGroupSize;
        if (features.Length < capacity * FeatureCount)
            throw new ArgumentException($"'{nameof(features)}' holds {features.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity * FeatureCount}.", nameof(features));
        if (labels.Length < capacity * LabelSize)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity * LabelSize}.", nameof(labels));
        if (mask.Length < capacity)
            throw new ArgumentException($"'{nameof(mask)}' holds {mask.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity}.", nameof(mask));
    }
}
