using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Testing.Contract;

/// <summary>Reads a column of any contract output type (Single, Boolean, UInt32 key, Single vector) as floats per row.</summary>
public static class ColumnValues
{
    /// <summary>Every row's values of <paramref name="name"/> in <paramref name="data"/>.</summary>
    public static List<float[]> Read(IDataView data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema.Column column = data.Schema[name];
        var rows = new List<float[]>();
        using DataViewRowCursor cursor = data.GetRowCursor([column]);
        Func<float[]> get = column.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType } v when v.ItemType.RawType == typeof(float) => Vector(cursor, column),
            KeyDataViewType k when k.RawType == typeof(uint) => Scalar<uint>(cursor, column, x => x),
            BooleanDataViewType => Scalar<bool>(cursor, column, x => x ? 1 : 0),
            NumberDataViewType n when n.RawType == typeof(float) => Scalar<float>(cursor, column, x => x),
            _ => throw new NotSupportedException($"column '{name}' of type {column.Type}"),
        };
        while (cursor.MoveNext())
            rows.Add(get());
        return rows;
    }

    private static Func<float[]> Scalar<T>(DataViewRow row, DataViewSchema.Column column, Func<T, float> convert)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return [convert(value)];
        };
    }

    private static Func<float[]> Vector(DataViewRow row, DataViewSchema.Column column)
    {
        ValueGetter<VBuffer<float>> getter = row.GetGetter<VBuffer<float>>(column);
        return () =>
        {
            VBuffer<float> value = default;
            getter(ref value);
            return value.DenseValues() is IEnumerable<float> values ? [.. values] : [];
        };
    }
}
