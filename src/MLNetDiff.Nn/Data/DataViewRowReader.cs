using System;
using System.IO;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// A cursor over an <see cref="IDataView"/> that reads the current row's features and label as dense floats and
/// validates them: a NaN or infinite value (or a missing key label) raises <see cref="InvalidDataException"/> naming the
/// column and the row index, or makes <see cref="TryRead"/> return false when skipping is enabled.
/// </summary>
/// <remarks>Getters and buffers are created once per cursor; reading a row allocates nothing.</remarks>
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
    private VBuffer<float> _featureBuffer;
    private VBuffer<float> _labelBuffer;

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

    public bool MoveNext() => _cursor.MoveNext();

    /// <summary>Reads the current row into <paramref name="features"/> (FeatureCount floats) and
    /// <paramref name="labels"/> (LabelSize floats). Returns false for an invalid row when skipping.</summary>
    public bool TryRead(Span<float> features, Span<float> labels)
    {
        int featureCount = _columns.FeatureCount;
        Span<float> x = features.Slice(0, featureCount);
        if (_featureVectorGetter is not null)
        {
            _featureVectorGetter(ref _featureBuffer);
            if (_featureBuffer.Length != featureCount)
                return Fail(_columns.Features.Name, $"has {_featureBuffer.Length} values but the column type says {featureCount}");
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
            return Fail(_columns.Features.Name, $"has the non-finite value {x[slot]} in slot {slot}");
        }

        switch (_columns.LabelKind)
        {
            case LabelColumnKind.Single:
            {
                float value = 0;
                _labelSingleGetter!(ref value);
                if (!float.IsFinite(value))
                    return Fail(_columns.LabelName, $"has the non-finite label {value}");
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
                    return Fail(_columns.LabelName, value == 0 ? "has a missing key label" : $"has the out-of-range key {value}");
                labels[0] = value - 1;
                break;
            }
            case LabelColumnKind.Vector:
            {
                _labelVectorGetter!(ref _labelBuffer);
                Span<float> y = labels.Slice(0, _columns.LabelSize);
                if (_labelBuffer.Length != y.Length)
                    return Fail(_columns.LabelName, $"has {_labelBuffer.Length} values but the column type says {y.Length}");
                _labelBuffer.CopyTo(y);
                if (!TensorPrimitives.IsFiniteAll<float>(y))
                    return Fail(_columns.LabelName, $"has a non-finite label in slot {FirstNonFinite(y)}");
                break;
            }
        }
        return true;
    }

    public void Dispose() => _cursor.Dispose();

    private bool Fail(string column, string problem)
    {
        if (_skipInvalid)
            return false;
        throw new InvalidDataException(
            $"Column '{column}' {problem} at row {_cursor.Position}. Clean the data (e.g. ReplaceMissingValues) or set {nameof(DataOptions)}.{nameof(DataOptions.SkipNonFiniteRows)} to skip such rows.");
    }

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
