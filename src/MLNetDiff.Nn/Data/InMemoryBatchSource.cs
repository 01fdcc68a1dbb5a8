using System;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Mini-batches over an <see cref="InMemoryDataset"/> (or a subset of its rows): an exact permutation per epoch,
/// optionally stratified, gathered with span copies. The fast path for data that fits in memory.
/// </summary>
/// <remarks>Stratified order (binary labels): positives and negatives are shuffled separately, then merged so that after
/// k rows exactly ⌊(k·P + φ)/n⌋ positives were emitted (P positives of n rows, φ a random phase per epoch); any
/// batch therefore holds the subset's positive rate within ±1 row.</remarks>
public sealed class InMemoryBatchSource : BatchSource
{
    private readonly InMemoryDataset _data;
    private readonly BatchOrder _order;
    private readonly ulong _seed;
    private readonly int[] _rows;
    private readonly int[] _epochOrder;
    private readonly int[] _positives;
    private readonly int[] _negatives;
    private int _next;

    /// <summary>Creates the source.</summary>
    /// <param name="data">The data.</param>
    /// <param name="order">Row order; <see cref="BatchOrder.Stratified"/> needs binary labels (else it shuffles).</param>
    /// <param name="seed">Seed of the per-epoch permutations.</param>
    /// <param name="rows">Subset of row indices to use (e.g. a training split; copied); null for all rows.</param>
    public InMemoryBatchSource(InMemoryDataset data, BatchOrder order = BatchOrder.Shuffled, ulong seed = 0,
        int[]? rows = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((uint)order > (uint)BatchOrder.Stratified)
            throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown batch order.");
        _data = data;
        _seed = seed;
        if (rows is null)
        {
            _rows = new int[data.RowCount];
            for (int i = 0; i < _rows.Length; i++)
                _rows[i] = i;
        }
        else
        {
            _rows = (int[])rows.Clone();
            foreach (int row in _rows)
            {
                if ((uint)row >= (uint)data.RowCount)
                    throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row index outside [0, {data.RowCount}).");
            }
        }
        _epochOrder = new int[_rows.Length];
        _order = order == BatchOrder.Stratified && !data.IsBinary ? BatchOrder.Shuffled : order;
        if (_order == BatchOrder.Stratified)
        {
            ReadOnlySpan<float> labels = data.Labels;
            int positives = 0;
            foreach (int row in _rows)
                positives += labels[row] > 0.5f ? 1 : 0;
            _positives = new int[positives];
            _negatives = new int[_rows.Length - positives];
            int p = 0, n = 0;
            foreach (int row in _rows)
            {
                if (labels[row] > 0.5f)
                    _positives[p++] = row;
                else
                    _negatives[n++] = row;
            }
        }
        else
        {
            _positives = [];
            _negatives = [];
        }
        Reset(0);
    }

    /// <inheritdoc/>
    public override int FeatureCount => _data.FeatureCount;

    /// <inheritdoc/>
    public override int LabelSize => _data.LabelSize;

    /// <inheritdoc/>
    public override long? RowCount => _rows.Length;

    /// <summary>The order actually used (stratified falls back to shuffled for non-binary labels).</summary>
    public BatchOrder Order => _order;

    /// <summary>The data.</summary>
    public InMemoryDataset Data => _data;

    /// <summary>This epoch's row order (indices into <see cref="Data"/>).</summary>
    public ReadOnlySpan<int> EpochOrder => _epochOrder;

    /// <inheritdoc/>
    public override void Reset(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        _next = 0;
        var random = new DeterministicRandom(SeedMixer.Mix(_seed, SeedMixer.ShuffleStream, (ulong)epoch));
        switch (_order)
        {
            case BatchOrder.Sequential:
                _rows.CopyTo(_epochOrder, 0);
                break;
            case BatchOrder.Shuffled:
                _rows.CopyTo(_epochOrder, 0);
                random.Shuffle(_epochOrder);
                break;
            default:
                random.Shuffle(_positives);
                random.Shuffle(_negatives);
                Interleave(_positives, _negatives, random.NextInt(Math.Max(1, _epochOrder.Length)), _epochOrder);
                break;
        }
    }

    /// <inheritdoc/>
    public override bool HasWeights => _data.HasWeights;

    /// <inheritdoc/>
    public override int NextBatch(int maxRows, Span<float> features, Span<float> labels) =>
        NextBatch(maxRows, features, labels, default);

    /// <inheritdoc/>
    public override int NextBatch(int maxRows, Span<float> features, Span<float> labels, Span<float> weights)
    {
        CheckBuffers(maxRows, features, labels);
        int count = Math.Min(maxRows, _epochOrder.Length - _next);
        if (count <= 0)
            return 0;
        _data.Gather(_epochOrder.AsSpan(_next, count), features, labels, weights);
        _next += count;
        return count;
    }

    private static void Interleave(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, int phase, Span<int> destination)
    {
        long n = destination.Length, p = positives.Length;
        int pi = 0, ni = 0;
        for (int t = 0; t < destination.Length; t++)
        {
            // Positives due after t + 1 rows: ⌊((t + 1)·P + φ)/n⌋.
            long due = ((t + 1) * p + phase) / n;
            destination[t] = pi < due ? positives[pi++] : negatives[ni++];
        }
    }
}
