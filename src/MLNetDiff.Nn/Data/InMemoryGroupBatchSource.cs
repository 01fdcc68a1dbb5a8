using System;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Batches of whole groups (ranking queries) over an <see cref="InMemoryDataset"/> with group ids, in an exact
/// permutation of the groups per epoch (or in data order); see <see cref="GroupBatchSource"/> for the layout.
/// </summary>
/// <remarks>Groups are maximal runs of equal ids in <see cref="InMemoryDataset.Groups"/> (the reader guarantees they
/// are contiguous, see <see cref="DataOptions.GroupColumnName"/>).</remarks>
public sealed class InMemoryGroupBatchSource : GroupBatchSource
{
    private readonly InMemoryDataset _data;
    private readonly bool _shuffle;
    private readonly ulong _seed;
    private readonly int[] _starts;
    private readonly int[] _order;
    private int[] _rows = [];
    private int _next;
    private readonly int _maxGroupSize;

    /// <summary>Creates the source.</summary>
    /// <param name="data">Data with group ids (<see cref="InMemoryDataset.HasGroups"/>).</param>
    /// <param name="shuffle">Shuffle the groups each epoch (rows stay in data order within a group).</param>
    /// <param name="seed">Seed of the per-epoch permutations.</param>
    /// <exception cref="ArgumentException">The data has no group ids.</exception>
    public InMemoryGroupBatchSource(InMemoryDataset data, bool shuffle = true, ulong seed = 0)
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
            _maxGroupSize = Math.Max(_maxGroupSize, _starts[i + 1] - _starts[i]);
        _order = new int[count];
        Reset(0);
    }

    /// <summary>Number of groups.</summary>
    public int GroupCount => _order.Length;

    /// <summary>Rows of the largest group (the padded size a batch never exceeds).</summary>
    public override int MaxGroupSize => _maxGroupSize;

    /// <inheritdoc/>
    public override int FeatureCount => _data.FeatureCount;

    /// <inheritdoc/>
    public override int LabelSize => _data.LabelSize;

    /// <summary>Rows of group <paramref name="group"/> (in data order).</summary>
    public int GroupSize(int group) => _starts[group + 1] - _starts[group];

    /// <inheritdoc/>
    public override void Reset(int epoch)
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

    /// <inheritdoc/>
    public override int NextBatch(int maxGroups, Span<float> features, Span<float> labels, Span<float> mask, out int slotsPerGroup)
    {
        CheckBuffers(maxGroups, features, labels, mask);
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
