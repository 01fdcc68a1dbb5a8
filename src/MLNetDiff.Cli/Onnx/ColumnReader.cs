using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Onnx;

/// <summary>Reads several columns of an IDataView as row-major doubles (Boolean as 0/1, keys as their raw values) in ONE
/// cursor pass, so the cost is linear in the data whatever the number of columns.</summary>
internal static class ColumnReader
{
    /// <param name="data">The rows.</param>
    /// <param name="columns">Columns of <paramref name="data"/>'s schema.</param>
    /// <param name="names">What each column is read for (for messages), parallel to <paramref name="columns"/>.</param>
    public static double[][] Read(IDataView data, IReadOnlyList<DataViewSchema.Column> columns, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = new List<double>[columns.Count];
        if (columns.Count == 0)
            return [];
        using DataViewRowCursor cursor = data.GetRowCursor(columns);
        var readers = new Action[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            values[i] = [];
            readers[i] = CreateReader(cursor, columns[i], names[i], values[i]);
        }
        while (cursor.MoveNext())
        {
            foreach (Action read in readers)
                read();
        }
        var result = new double[columns.Count][];
        for (int i = 0; i < columns.Count; i++)
            result[i] = values[i].ToArray();
        return result;
    }

    private static Action CreateReader(DataViewRowCursor cursor, DataViewSchema.Column column, string what, List<double> into)
    {
        DataViewType item = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
        if (item == NumberDataViewType.Single)
            return Reader<float>(cursor, column, x => x, into);
        if (item == NumberDataViewType.Double)
            return Reader<double>(cursor, column, x => x, into);
        if (item == BooleanDataViewType.Instance)
            return Reader<bool>(cursor, column, x => x ? 1 : 0, into);
        if (item == NumberDataViewType.UInt32 || item is KeyDataViewType { RawType: var raw } && raw == typeof(uint))
            return Reader<uint>(cursor, column, x => x, into);
        if (item == NumberDataViewType.Int32)
            return Reader<int>(cursor, column, x => x, into);
        if (item == NumberDataViewType.Int64)
            return Reader<long>(cursor, column, x => x, into);
        throw new CliException($"Column '{column.Name}' (for '{what}') has type {column.Type}, which --verify does not compare.");
    }

    private static Action Reader<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, double> convert, List<double> into)
    {
        if (column.Type is VectorDataViewType)
        {
            ValueGetter<VBuffer<T>> getter = cursor.GetGetter<VBuffer<T>>(column);
            VBuffer<T> buffer = default;
            return () =>
            {
                getter(ref buffer);
                foreach (T x in buffer.DenseValues())
                    into.Add(convert(x));
            };
        }
        ValueGetter<T> scalar = cursor.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            scalar(ref value);
            into.Add(convert(value));
        };
    }
}
