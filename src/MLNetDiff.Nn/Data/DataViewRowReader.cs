using System;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// The one row reader of the engine: a cursor over an <see cref="IDataView"/> that reads the current row's features,
/// label, weight and group as dense values and validates them. The in-memory path (<see cref="DataViewLoader"/>) and
/// the streamed path (<see cref="StreamingBatchSource"/>, <see cref="InMemoryGroupBatchSource"/>) both read through it, so
/// both raise the same errors.
/// </summary>
/// <remarks>
/// <para>A bad value raises <see cref="InvalidOperationException"/> "The &lt;role&gt; column '&lt;name&gt;' at row
/// &lt;r&gt; …" naming the column, the row (the cursor position) and, for vectors, the slot, and saying what was
/// expected; with <see cref="DataOptions.SkipNonFiniteRows"/> <see cref="TryRead"/> returns false instead (except for
/// group-order errors). Getters and buffers are created once per cursor; reading a row allocates nothing.</para>
/// </remarks>
internal sealed class DataViewRowReader : IDisposable
{
    private readonly DataViewColumns _columns;
    private readonly bool _skipInvalid;
    private readonly DataViewRowCursor _cursor;
    private readonly ValueGetter<VBuffer<float>>? _featureVectorGetter;
    private readonly ValueGetter<float>? _featureScalarGetter;
    private readonly ValueGetter<float>? _labelSingleGetter;
    private readonly ValueGetter<bool>? _labelBooleanGetter;
    private readonly ValueGetter<uint>? _labelKeyGetter;
    private readonly ValueGetter<VBuffer<float>>? _labelVectorGetter;
    private readonly ValueGetter<float>? _weightGetter;
    private readonly ValueGetter<uint>? _groupGetter;
    private VBuffer<float> _featureBuffer;
    private VBuffer<float> _labelBuffer;
    private bool _hasGroup;
    private uint _lastGroup;

    /// <param name="data">The data.</param>
    /// <param name="columns">Resolved columns of <paramref name="data"/>.</param>
    /// <param name="skipInvalid">Return false for invalid rows instead of throwing.</param>
    /// <param name="activateColumns">False opens a cursor with no active column (for counting rows).</param>
    public DataViewRowReader(IDataView data, DataViewColumns columns, bool skipInvalid, bool activateColumns = true)
    {
        _columns = columns;
        _skipInvalid = skipInvalid;
        _cursor = data.GetRowCursor(activateColumns ? columns.Active : []);
        if (!activateColumns)
            return;
        if (columns.FeatureIsVector)
            _featureVectorGetter = _cursor.GetGetter<VBuffer<float>>(columns.Features);
        else
            _featureScalarGetter = _cursor.GetGetter<float>(columns.Features);
        if (columns.Weight is { } weight)
            _weightGetter = _cursor.GetGetter<float>(weight);
        if (columns.Group is { } group)
            _groupGetter = _cursor.GetGetter<uint>(group);
        if (columns.Label is not { } label)
            return;
        switch (columns.LabelKind)
        {
            case LabelColumnKind.Single:
                _labelSingleGetter = _cursor.GetGetter<float>(label);
                break;
            case LabelColumnKind.Boolean:
                _labelBooleanGetter = _cursor.GetGetter<bool>(label);
                break;
            case LabelColumnKind.Key:
                _labelKeyGetter = _cursor.GetGetter<uint>(label);
                break;
            case LabelColumnKind.Vector:
                _labelVectorGetter = _cursor.GetGetter<VBuffer<float>>(label);
                break;
        }
    }

    /// <summary>0-based index of the current row in the data view.</summary>
    public long Position => _cursor.Position;

    /// <summary>Weight of the row last read (1 without a weight column).</summary>
    public float Weight { get; private set; } = 1f;

    /// <summary>Group id of the row last read (the raw key or UInt32 value; 0 without a group column).</summary>
    public uint Group { get; private set; }

    public bool MoveNext() => _cursor.MoveNext();

    /// <summary>Reads the current row into <paramref name="features"/> (FeatureCount floats) and
    /// <paramref name="labels"/> (LabelSize floats), and sets <see cref="Weight"/> and <see cref="Group"/>. Returns false
    /// for an invalid row when skipping.</summary>
    public bool TryRead(Span<float> features, Span<float> labels)
    {
        // The group is checked first and whatever else is wrong with the row: skipping a row never repairs the order.
        if (_groupGetter is not null)
            ReadGroup();

        int featureCount = _columns.FeatureCount;
        string featureRole = _columns.FeatureRole, featureName = _columns.Features.Name;
        Span<float> x = features.Slice(0, featureCount);
        if (_featureVectorGetter is not null)
        {
            _featureVectorGetter(ref _featureBuffer);
            if (_featureBuffer.Length != featureCount)
                return Fail(featureRole, featureName, $"has {_featureBuffer.Length} values; expected {featureCount} (the column type's size)");
            _featureBuffer.CopyTo(x);
        }
        else
        {
            float value = 0;
            _featureScalarGetter!(ref value);
            x[0] = value;
        }
        if (!TensorPrimitives.IsFiniteAll<float>(x))
        {
            int slot = FirstNonFinite(x);
            return Fail(featureRole, featureName,
                $"has the non-finite value {x[slot]} in slot {slot}; expected finite values (replace missing values first, e.g. with mlContext.Transforms.ReplaceMissingValues, or set {nameof(DataOptions)}.{nameof(DataOptions.SkipNonFiniteRows)})");
        }

        if (!ReadLabel(labels))
            return false;

        if (_weightGetter is not null)
        {
            float weight = 0;
            _weightGetter(ref weight);
            if (!(weight >= 0f && float.IsFinite(weight)))
                return Fail("weight", _columns.Weight!.Value.Name, $"is {weight}; expected a finite value >= 0");
            Weight = weight;
        }
        return true;
    }

    public void Dispose() => _cursor.Dispose();

    private bool ReadLabel(Span<float> labels)
    {
        switch (_columns.LabelKind)
        {
            case LabelColumnKind.Single:
            {
                float value = 0;
                _labelSingleGetter!(ref value);
                if (!float.IsFinite(value))
                    return Fail("label", _columns.LabelName, $"is {value}; expected a finite value");
                labels[0] = value;
                break;
            }
            case LabelColumnKind.Boolean:
            {
                bool value = false;
                _labelBooleanGetter!(ref value);
                labels[0] = value ? 1f : 0f;
                break;
            }
            case LabelColumnKind.Key:
            {
                uint value = 0;
                _labelKeyGetter!(ref value);
                if (value == 0 || value > (uint)_columns.ClassCount)
                {
                    return Fail("label", _columns.LabelName, value == 0
                        ? $"is a missing key (0); expected a key in [1, {_columns.ClassCount}]"
                        : $"is the key {value}; expected a key in [1, {_columns.ClassCount}]");
                }
                // Key k is the zero-based class index k − 1.
                labels[0] = value - 1;
                break;
            }
            case LabelColumnKind.Vector:
            {
                _labelVectorGetter!(ref _labelBuffer);
                Span<float> y = labels.Slice(0, _columns.LabelSize);
                if (_labelBuffer.Length != y.Length)
                    return Fail("label", _columns.LabelName, $"has {_labelBuffer.Length} values; expected {y.Length} (the column type's size)");
                _labelBuffer.CopyTo(y);
                if (!TensorPrimitives.IsFiniteAll<float>(y))
                {
                    int slot = FirstNonFinite(y);
                    return Fail("label", _columns.LabelName, $"has the non-finite value {y[slot]} in slot {slot}; expected finite values");
                }
                break;
            }
        }
        return true;
    }

    private void ReadGroup()
    {
        uint group = 0;
        _groupGetter!(ref group);
        string name = _columns.Group!.Value.Name;
        if (group == 0 && _columns.GroupIsKey)
            throw RowError("group", name, "is a missing key (0); expected a group id");
        // Groups must be contiguous. Checking "ids never decrease" needs no memory of past groups (the streamed path
        // stays bounded) and is what MapValueToKey produces for contiguous groups (keys follow first occurrence).
        if (_hasGroup && group < _lastGroup)
        {
            throw RowError("group", name,
                $"is group {group} after group {_lastGroup}; expected the rows of each group to be contiguous and groups in increasing id order (sort the rows by the group, or map a column of contiguous groups with mlContext.Transforms.Conversion.MapValueToKey)");
        }
        _hasGroup = true;
        _lastGroup = group;
        Group = group;
    }

    private bool Fail(string role, string column, string problem)
    {
        if (_skipInvalid)
            return false;
        throw RowError(role, column, problem);
    }

    private InvalidOperationException RowError(string role, string column, string problem)
        => new($"The {role} column '{column}' at row {_cursor.Position} {problem}.");

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                return i;
        }
        return -1;
    }
}
