using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>
/// An IDataView that generates its rows on the fly from a seed (nothing is stored): Features = a known-size vector of
/// Single, Label = Boolean, label = 1[Σ features &gt; 0]. Row r is a pure function of (seed, r), so every cursor sees
/// the same data. Reading a row allocates nothing.
/// </summary>
internal sealed class SyntheticDataView : IDataView
{
    private readonly long _rows;
    private readonly int _features;
    private readonly ulong _seed;

    public SyntheticDataView(long rows, int features, ulong seed, DataViewType? labelType = null, bool sparse = false,
        long nanRow = -1, bool weighted = false)
    {
        _rows = rows;
        _features = features;
        _seed = seed;
        Sparse = sparse;
        NanRow = nanRow;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, features));
        builder.AddColumn("Label", labelType ?? BooleanDataViewType.Instance);
        // Weight of row r: 1 + r mod 3 (a pure function of the row, like the features).
        if (weighted)
            builder.AddColumn("Weight", NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    public bool Sparse { get; }

    public long NanRow { get; }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Feature f of row r: a hash mapped to [−1, 1).</summary>
    public float Value(long row, int feature)
    {
        ulong z = _seed + (ulong)row * 0x9E3779B97F4A7C15UL + (ulong)feature * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (float)((z >> 40) * (2.0 / (1UL << 24)) - 1.0);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SyntheticDataView _parent;
        private readonly HashSet<int> _active;
        private readonly float[] _values;
        private readonly int[] _indices;
        private long _position = -1;
        private bool _computed;
        private float _sum;

        public Cursor(SyntheticDataView parent, HashSet<int> active)
        {
            _parent = parent;
            _active = active;
            _values = new float[parent._features];
            _indices = new int[parent._features];
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _parent.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= _parent._rows)
                return false;
            _position++;
            _computed = false;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column {column.Name} is not active.");
            Delegate getter = column.Index switch
            {
                0 => (ValueGetter<VBuffer<float>>)GetFeatures,
                2 => (ValueGetter<float>)((ref float v) => v = 1 + _position % 3),
                _ when column.Type == BooleanDataViewType.Instance => (ValueGetter<bool>)((ref bool v) => v = Sum() > 0),
                _ when column.Type == NumberDataViewType.Single => (ValueGetter<float>)((ref float v) => v = Sum() > 0 ? 1f : 0f),
                _ when column.Type == NumberDataViewType.Double => (ValueGetter<double>)((ref double v) => v = Sum() > 0 ? 1 : 0),
                _ when column.Type is KeyDataViewType => (ValueGetter<uint>)((ref uint v) => v = Sum() > 0 ? 2u : 1u),
                _ => throw new InvalidOperationException("Unsupported column."),
            };
            return (ValueGetter<TValue>)getter;
        }

        private void Compute()
        {
            if (_computed)
                return;
            float sum = 0;
            for (int f = 0; f < _values.Length; f++)
            {
                _values[f] = _parent.Value(_position, f);
                sum += _values[f];
            }
            if (_position == _parent.NanRow)
                _values[1] = float.NaN;
            _sum = sum;
            _computed = true;
        }

        private float Sum()
        {
            Compute();
            return _sum;
        }

        private void GetFeatures(ref VBuffer<float> value)
        {
            Compute();
            int n = _values.Length;
            if (!_parent.Sparse)
            {
                var editor = VBufferEditor.Create(ref value, n);
                _values.CopyTo(editor.Values);
                value = editor.Commit();
                return;
            }
            // Sparse: keep only the even slots.
            int count = (n + 1) / 2;
            var sparse = VBufferEditor.Create(ref value, n, count);
            for (int k = 0; k < count; k++)
            {
                sparse.Values[k] = _values[2 * k];
                sparse.Indices[k] = 2 * k;
            }
            value = sparse.Commit();
        }
    }
}
