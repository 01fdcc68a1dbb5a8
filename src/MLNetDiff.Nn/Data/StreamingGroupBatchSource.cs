using System;
using Microsoft.ML;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Batches of whole groups streamed from an <see cref="IDataView"/> cursor, in data order: memory is bounded by the
/// batch (maxGroups × <see cref="MaxGroupSize"/> staged rows), never by the row or group count. See
/// <see cref="GroupBatchSource"/> for the layout.
/// </summary>
/// <remarks>
/// <para>Rows come through the engine's one reader, so every error is the in-memory path's (a group out of order names
/// the column and the row). A group longer than <see cref="MaxGroupSize"/> rows is an
/// <see cref="InvalidOperationException"/> naming the group column and the row where it overflowed.</para>
/// <para>Groups are not shuffled (a shuffle would need a buffer of whole groups); use
/// <see cref="InMemoryGroupBatchSource"/> when the data fits. Create with
/// <see cref="DataViewLoader.CreateGroupStreamingSource"/>; dispose to release the cursor.</para>
/// </remarks>
public sealed class StreamingGroupBatchSource : GroupBatchSource, IDisposable
{
    private readonly IDataView _data;
    private readonly DataViewColumns _columns;
    private readonly bool _skipInvalid;
    private readonly int _maxGroupSize;
    private readonly float[] _pendingFeatures;
    private readonly float[] _pendingLabels;
    private float[] _stageFeatures = [];
    private float[] _stageLabels = [];
    private float[] _stageWeights = [];
    private int[] _sizes = [];
    private DataViewRowReader? _reader;
    private bool _started;
    private bool _hasPending;
    private float _pendingWeight;
    private uint _pendingGroup;
    private long _pendingRow;

    internal StreamingGroupBatchSource(IDataView data, DataViewColumns columns, DataOptions options, int maxGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroupSize);
        if (columns.Group is null)
            throw new ArgumentException($"Batches of groups need a group column: set {nameof(DataOptions)}.{nameof(DataOptions.GroupColumnName)}.", nameof(options));
        _data = data;
        _columns = columns;
        _skipInvalid = options.SkipNonFiniteRows;
        _maxGroupSize = maxGroupSize;
        _pendingFeatures = new float[columns.FeatureCount];
        _pendingLabels = new float[columns.LabelSize];
    }

    /// <inheritdoc/>
    public override int FeatureCount => _columns.FeatureCount;

    /// <inheritdoc/>
    public override int LabelSize => _columns.LabelSize;

    /// <summary>The most rows a group may have (the source's setting).</summary>
    public override int MaxGroupSize => _maxGroupSize;

    /// <inheritdoc/>
    public override void Reset(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        _reader?.Dispose();
        _reader = null;
        _started = false;
        _hasPending = false;
    }

    /// <inheritdoc/>
    public override int NextBatch(int maxGroups, Span<float> features, Span<float> labels, Span<float> mask, out int slotsPerGroup)
    {
        CheckBuffers(maxGroups, features, labels, mask);
        slotsPerGroup = 0;
        if (!_started)
        {
            _started = true;
            _reader = new DataViewRowReader(_data, _columns, _skipInvalid);
            _hasPending = ReadPending();
            if (!_hasPending)
                throw DataViewLoader.NoRows(_columns);
        }
        int f = FeatureCount, l = LabelSize, capacity = _maxGroupSize;
        EnsureStage(maxGroups);
        int groups = 0;
        // Stage each group at g × MaxGroupSize: the padded width S is known only once the batch's groups are read.
        while (groups < maxGroups && _hasPending)
        {
            uint id = _pendingGroup;
            int size = 0, offset = groups * capacity;
            while (_hasPending && _pendingGroup == id)
            {
                if (size == capacity)
                {
                    throw new InvalidOperationException(
                        $"The group column '{_columns.Group!.Value.Name}' at row {_pendingRow} makes group {id} longer than {capacity} rows; expected at most the source's maximum group size (raise it, or read the data in memory).");
                }
                _pendingFeatures.CopyTo(_stageFeatures.AsSpan((offset + size) * f, f));
                _pendingLabels.CopyTo(_stageLabels.AsSpan((offset + size) * l, l));
                _stageWeights[offset + size] = _pendingWeight;
                size++;
                _hasPending = ReadPending();
            }
            _sizes[groups++] = size;
            slotsPerGroup = Math.Max(slotsPerGroup, size);
        }
        int slots = slotsPerGroup;
        for (int g = 0; g < groups; g++)
        {
            int size = _sizes[g], source = g * capacity, first = g * slots;
            _stageFeatures.AsSpan(source * f, size * f).CopyTo(features.Slice(first * f));
            _stageLabels.AsSpan(source * l, size * l).CopyTo(labels.Slice(first * l));
            _stageWeights.AsSpan(source, size).CopyTo(mask.Slice(first));
            features.Slice((first + size) * f, (slots - size) * f).Clear();
            labels.Slice((first + size) * l, (slots - size) * l).Clear();
            mask.Slice(first + size, slots - size).Clear();
        }
        return groups;
    }

    /// <summary>Releases the cursor.</summary>
    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private void EnsureStage(int maxGroups)
    {
        long rows = (long)maxGroups * _maxGroupSize;
        if (_stageWeights.Length >= rows)
            return;
        _stageFeatures = new float[checked((int)(rows * FeatureCount))];
        _stageLabels = new float[checked((int)(rows * LabelSize))];
        _stageWeights = new float[rows];
        _sizes = new int[maxGroups];
    }

    private bool ReadPending()
    {
        if (_reader is null)
            return false;
        while (_reader.MoveNext())
        {
            if (_reader.TryRead(_pendingFeatures, _pendingLabels))
            {
                _pendingWeight = _reader.Weight;
                _pendingGroup = _reader.Group;
                _pendingRow = _reader.Position;
                return true;
            }
        }
        _reader.Dispose();
        _reader = null;
        return false;
    }
}
