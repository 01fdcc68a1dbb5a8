using System;
using Microsoft.ML;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Mini-batches streamed from an <see cref="IDataView"/> cursor: memory is bounded by the shuffle buffer
/// (<see cref="DataOptions.ShuffleBufferRows"/> rows) and the caller's batch, never by the row count.
/// </summary>
/// <remarks>
/// <para>Each epoch opens a fresh cursor. Shuffling is tf.data-style: the buffer is filled, then every emitted row is a
/// uniform pick among the buffered rows and its slot is refilled from the cursor, so the order is random within a window
/// of the buffer size, not a full permutation. Stratified order does best-effort stratification within the buffer (see
/// docs/engine.md). A validation split selects rows by a seeded hash of the row position, so train and validation
/// passes agree without storing indices; the split is stratified in expectation only.</para>
/// <para>Create instances with <see cref="DataViewLoader.CreateStreamingSource"/>. Dispose to release the cursor.</para>
/// </remarks>
public sealed class StreamingBatchSource : BatchSource, IDisposable
{
    private readonly IDataView _data;
    private readonly DataViewColumns _columns;
    private readonly bool _skipInvalid;
    private readonly ulong _seed;
    private readonly ShuffleBuffer? _buffer;
    private readonly RowSplit _split;
    private DataViewRowReader? _reader;
    private DeterministicRandom _random;
    private bool _exhausted;
    private bool _filled;
    private long _epochRowsRead;
    private int _epoch;
    private long? _rowCount;

    internal StreamingBatchSource(IDataView data, DataViewColumns columns, DataOptions options, BatchOrder order,
        ulong seed, RowSplit split)
    {
        _data = data;
        _columns = columns;
        _skipInvalid = options.SkipNonFiniteRows;
        _seed = seed;
        _split = split;
        bool shuffled = order != BatchOrder.Sequential && options.ShuffleBufferRows > 1;
        if (shuffled)
        {
            bool stratified = order == BatchOrder.Stratified && columns.LabelSize == 1
                && columns.LabelKind is LabelColumnKind.Boolean or LabelColumnKind.Single;
            _buffer = new ShuffleBuffer(options.ShuffleBufferRows, columns.FeatureCount, columns.LabelSize, stratified);
        }
        if (split.IsAll && !_skipInvalid)
            _rowCount = data.GetRowCount();
        Reset(0);
    }

    /// <inheritdoc/>
    public override int FeatureCount => _columns.FeatureCount;

    /// <inheritdoc/>
    public override int LabelSize => _columns.LabelSize;

    /// <inheritdoc/>
    public override long? RowCount => _rowCount;

    /// <inheritdoc/>
    public override bool HasWeights => _columns.Weight is not null;

    /// <summary>The kind of the label column.</summary>
    public LabelColumnKind LabelKind => _columns.LabelKind;

    /// <summary>Rows of the shuffle buffer (0 when the source does not shuffle).</summary>
    public int ShuffleBufferRows => _buffer?.Capacity ?? 0;

    /// <summary>Counts the rows of one epoch with a separate cursor (positions only, unless invalid rows must be skipped,
    /// which needs the values), caches the result in <see cref="RowCount"/> and returns it.</summary>
    public long CountRows()
    {
        if (_rowCount is long known)
            return known;
        long count = 0;
        var features = new float[_columns.FeatureCount];
        var labels = new float[Math.Max(1, _columns.LabelSize)];
        using (var reader = new DataViewRowReader(_data, _columns, _skipInvalid, activateColumns: _skipInvalid))
        {
            while (reader.MoveNext())
            {
                if (_split.Keeps(reader.Position) && (!_skipInvalid || reader.TryRead(features, labels)))
                    count++;
            }
        }
        _rowCount = count;
        return count;
    }

    /// <inheritdoc/>
    public override void Reset(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        _reader?.Dispose();
        _reader = null;
        _epoch = epoch;
        _exhausted = false;
        _filled = false;
        _epochRowsRead = 0;
        _buffer?.Clear();
        _random = new DeterministicRandom(SeedMixer.Mix(_seed, SeedMixer.ShuffleStream, (ulong)epoch));
    }

    /// <inheritdoc/>
    public override int NextBatch(int maxRows, Span<float> features, Span<float> labels) =>
        NextBatch(maxRows, features, labels, default);

    /// <inheritdoc/>
    public override int NextBatch(int maxRows, Span<float> features, Span<float> labels, Span<float> weights)
    {
        CheckBuffers(maxRows, features, labels);
        if (!weights.IsEmpty && weights.Length < maxRows)
            throw new ArgumentException($"'{nameof(weights)}' holds {weights.Length} floats; {maxRows} rows need {maxRows}.", nameof(weights));
        float weight;
        int f = FeatureCount, l = LabelSize;
        _reader ??= _exhausted ? null : new DataViewRowReader(_data, _columns, _skipInvalid);
        int produced = 0;
        if (_buffer is null)
        {
            while (produced < maxRows && ReadNext(features.Slice(produced * f, f), labels.Slice(produced * l, l), out weight))
            {
                if (!weights.IsEmpty)
                    weights[produced] = weight;
                produced++;
            }
            return produced;
        }

        if (!_filled)
        {
            for (int slot = 0; slot < _buffer.Capacity && ReadNext(_buffer.SlotFeatures(slot), _buffer.SlotLabels(slot), out _buffer.SlotWeight(slot)); slot++)
                _buffer.Add(slot);
            if (_exhausted)
                _buffer.StartDraining();
            _filled = true;
        }
        while (produced < maxRows && _buffer.Count > 0)
        {
            int slot = _buffer.Take(ref _random, features.Slice(produced * f, f), labels.Slice(produced * l, l), out weight);
            if (!weights.IsEmpty)
                weights[produced] = weight;
            produced++;
            if (ReadNext(_buffer.SlotFeatures(slot), _buffer.SlotLabels(slot), out _buffer.SlotWeight(slot)))
                _buffer.Add(slot);
            else
                _buffer.StartDraining();
        }
        return produced;
    }

    /// <summary>Releases the cursor.</summary>
    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"streaming ({(_buffer is null ? "in data order" : $"shuffle buffer {_buffer.Capacity} rows")}, epoch {_epoch})";

    private bool ReadNext(Span<float> features, Span<float> labels, out float weight)
    {
        weight = 1f;
        if (_exhausted || _reader is null)
            return false;
        while (_reader.MoveNext())
        {
            if (_split.Keeps(_reader.Position) && _reader.TryRead(features, labels))
            {
                weight = _reader.Weight;
                _epochRowsRead++;
                return true;
            }
        }
        _exhausted = true;
        _reader.Dispose();
        _reader = null;
        // The same error as the in-memory path (DataViewLoader): a fit on no rows is a data problem, not an empty fit.
        if (_epochRowsRead == 0)
            throw DataViewLoader.NoRows(_columns, _split.IsAll ? null : "of this split part");
        return false;
    }
}
