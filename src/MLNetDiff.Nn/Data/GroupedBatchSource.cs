using System;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Mini-batches of whole groups (ranking queries) over an <see cref="InMemoryDataset"/> with group ids: a batch holds
/// up to <c>maxGroups</c> complete groups, each padded to the largest group of the batch, with a mask that is 0 on the
/// padding. Group order is an exact permutation per epoch (or data order).
/// </summary>
/// <remarks>
/// <para>Layout of a batch of G groups padded to S slots: features G × S × FeatureCount, labels G × S × LabelSize and
/// mask G × S, all row-major, group g's rows in slots g·S … g·S + size_g − 1 in data order, padding rows all zero.
/// The mask is the row weight for real rows (1 for unweighted data) and 0 for padding, so it can be passed as the row
/// weights of <see cref="Losses.Loss.Compute(MLNetDiff.Kernels.KernelBackend, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>
/// or <see cref="Training.NetworkTrainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
/// (a zero weight removes the row), and a listwise loss reads the group structure from S.</para>
/// <para>Groups are maximal runs of equal ids in <see cref="InMemoryDataset.Groups"/> (the reader guarantees they are
/// contiguous, see <see cref="DataOptions.GroupColumnName"/>).</para>
/// </remarks>
public sealed class GroupedBatchSource
{
    private readonly InMemoryDataset _data;
    private readonly bool _shuffle;
    private readonly ulong _seed;
    private readonly int[] _starts;
    private readonly int[] _order;
    private int[] _rows = [];
    private int _next;

    /// <summary>Creates the source.</summary>
    /// <param name="data">Data with group ids (<see cref="InMemoryDataset.HasGroups"/>).</param>
    /// <param name="shuffle">Shuffle the groups each epoch (rows stay in data order within a group).</param>
    /// <param name="seed">Seed of the per-epoch permutations.</param>
    /// <exception cref="ArgumentException">The data has no group ids.</exception>
    public GroupedBatchSource(InMemoryDataset data, bool shuffle = true, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasGroups)
            throw new ArgumentException("The data has no group ids; read it with DataOptions.GroupColumnName set.", nameof(data));
        _data = data;
        _shuffle = shuffle;
        _seed = seed;
        ReadOnlySpan<uint> groups = data.Groups;
        int count = 0;
        for (int r = 0; r < groups.Length; r++)
            count += r == 0 || groups[r] != groups[r - 1] ? 1 : 0;
        _starts = new int[count + 1];
        int g = 0;
        for (int r = 0; r < groups.Length; r++)
        {
            if (r == 0 || groups[r] != groups[r - 1])
                _starts[g++] = r;
        }
        _starts[count] = groups.Length;
        for (int i = 0; i < count; i++)
            MaxGroupSize = Math.Max(MaxGroupSize, _starts[i + 1] - _starts[i]);
        _order = new int[count];
        Reset(0);
    }

    /// <summary>Number of groups.</summary>
    public int GroupCount => _order.Length;

    /// <summary>Rows of the largest group (the padded size a batch never exceeds).</summary>
    public int MaxGroupSize { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount => _data.FeatureCount;

    /// <summary>Label floats per row.</summary>
    public int LabelSize => _data.LabelSize;

    /// <summary>Rows of group <paramref name="group"/> (in data order).</summary>
    public int GroupSize(int group) => _starts[group + 1] - _starts[group];

    /// <summary>Starts epoch <paramref name="epoch"/>: rewinds and draws this epoch's group order.</summary>
    public void Reset(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        _next = 0;
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        if (_shuffle)
        {
            var random = new DeterministicRandom(SeedMixer.Mix(_seed, SeedMixer.ShuffleStream, (ulong)epoch));
            random.Shuffle(_order);
        }
    }

    /// <summary>Writes the next up to <paramref name="maxGroups"/> whole groups (see the class remarks for the layout).</summary>
    /// <param name="maxGroups">Most groups in the batch (≥ 1).</param>
    /// <param name="features">At least maxGroups × <see cref="MaxGroupSize"/> × FeatureCount floats.</param>
    /// <param name="labels">At least maxGroups × MaxGroupSize × LabelSize floats.</param>
    /// <param name="mask">At least maxGroups × MaxGroupSize floats: the row weight, 0 on padding.</param>
    /// <param name="slotsPerGroup">S, the padded size of every group of this batch (its largest group).</param>
    /// <returns>Groups written (G; the batch has G × S rows), 0 at the end of the epoch.</returns>
    public int NextBatch(int maxGroups, Span<float> features, Span<float> labels, Span<float> mask, out int slotsPerGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroups);
        long capacity = (long)maxGroups * MaxGroupSize;
        if (features.Length < capacity * FeatureCount)
            throw new ArgumentException($"'{nameof(features)}' holds {features.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity * FeatureCount}.", nameof(features));
        if (labels.Length < capacity * LabelSize)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity * LabelSize}.", nameof(labels));
        if (mask.Length < capacity)
            throw new ArgumentException($"'{nameof(mask)}' holds {mask.Length} floats; {maxGroups} groups of up to {MaxGroupSize} rows need {capacity}.", nameof(mask));
        int groups = Math.Min(maxGroups, _order.Length - _next);
        slotsPerGroup = 0;
        if (groups <= 0)
            return 0;
        for (int i = 0; i < groups; i++)
            slotsPerGroup = Math.Max(slotsPerGroup, GroupSize(_order[_next + i]));
        int slots = slotsPerGroup, f = FeatureCount, l = LabelSize;
        if (_rows.Length < slots)
            _rows = new int[MaxGroupSize];
        for (int i = 0; i < groups; i++)
        {
            int group = _order[_next + i], start = _starts[group], size = GroupSize(group);
            for (int k = 0; k < size; k++)
                _rows[k] = start + k;
            int first = i * slots;
            _data.Gather(_rows.AsSpan(0, size), features.Slice(first * f, size * f), labels.Slice(first * l, size * l),
                mask.Slice(first, size));
            // Padding: zero features and labels (finite for any layer and loss) and weight 0 (no contribution).
            features.Slice((first + size) * f, (slots - size) * f).Clear();
            labels.Slice((first + size) * l, (slots - size) * l).Clear();
            mask.Slice(first + size, slots - size).Clear();
        }
        _next += groups;
        return groups;
    }
}
