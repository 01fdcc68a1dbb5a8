using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Integration;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>
/// Reads the columns of the calibration entry points through one cursor each, checking the column types up front
/// (<see cref="SchemaChecks"/>: <see cref="ArgumentOutOfRangeException"/> naming the column, the expected and the actual
/// type) and every value as it is read (<see cref="InvalidOperationException"/> naming the column and the row).
/// </summary>
internal static class CalibrationColumnReader
{
    private const string ScalarNumber = "a Single or Double scalar";
    private const string DataParam = "data";

    public static (double[] Probabilities, bool[] Labels) ReadBinary(IDataView data, string labelColumnName,
        string probabilityColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema schema = data.Schema;
        SchemaChecks.RequireScalar(schema, labelColumnName, "label", t => t is BooleanDataViewType || IsNumber(t),
            "Boolean, or a Single or Double holding 0 and 1", DataParam);
        RequireNumber(schema, probabilityColumnName, "probability");
        DataViewSchema.Column label = schema[labelColumnName], probability = schema[probabilityColumnName];
        var probabilities = new List<double>();
        var labels = new List<bool>();
        using DataViewRowCursor cursor = data.GetRowCursor([label, probability]);
        ValueGetter<bool> getLabel = BinaryLabelGetter(cursor, label);
        ValueGetter<double> getProbability = NumberGetter(cursor, probability);
        bool y = false;
        double p = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            getProbability(ref p);
            RequireProbability(p, "probability", probabilityColumnName, cursor.Position);
            labels.Add(y);
            probabilities.Add(p);
        }
        RequireRows(probabilities.Count, probabilityColumnName, nameof(data));
        return (probabilities.ToArray(), labels.ToArray());
    }

    public static (double[] Probabilities, int[] Labels, int Classes) ReadMulticlass(IDataView data, string labelColumnName,
        string scoreColumnName, double rowSumTolerance)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema schema = data.Schema;
        ulong keyCount = SchemaChecks.RequireKey(schema, labelColumnName, "label", DataParam);
        if (keyCount < 2 || keyCount > int.MaxValue)
        {
            throw SchemaChecks.Mismatch("label", labelColumnName, "a Key with a known count of at least 2 classes",
                SchemaChecks.TypeName(schema[labelColumnName].Type), DataParam);
        }
        int classes = (int)keyCount;
        DataViewSchema.Column label = schema[labelColumnName];
        DataViewSchema.Column score = RequireVector(schema, scoreColumnName, "score", classes,
            $"a Vector<Single> of size {classes} (one probability per class of the label '{labelColumnName}')");
        var probabilities = new List<double>();
        var labels = new List<int>();
        using DataViewRowCursor cursor = data.GetRowCursor([label, score]);
        ValueGetter<ulong> getLabel = KeyGetter(cursor, label);
        ValueGetter<double[]> getScore = VectorGetter(cursor, score);
        ulong key = 0;
        double[] row = new double[classes];
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key == 0)
                throw RowError("label", labelColumnName, cursor.Position, "holds a missing key; expected one of the label's values");
            getScore(ref row);
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                RequireProbability(row[k], "score", scoreColumnName, cursor.Position, k);
                sum += row[k];
            }
            if (!(Math.Abs(sum - 1) <= rowSumTolerance))
            {
                throw RowError("score", scoreColumnName, cursor.Position,
                    $"sums to {CalibrationInput.Format(sum)}; expected class probabilities summing to 1 (within " +
                    $"{CalibrationInput.Format(rowSumTolerance)}), as ML.NET's multiclass trainers write in Score");
            }
            labels.Add((int)(key - 1));
            probabilities.AddRange(row);
        }
        RequireRows(labels.Count, scoreColumnName, nameof(data));
        return (probabilities.ToArray(), labels.ToArray(), classes);
    }

    public static double[] ReadPit(IDataView data, string pitColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema.Column pit = RequireNumber(data.Schema, pitColumnName, "PIT");
        var values = new List<double>();
        using DataViewRowCursor cursor = data.GetRowCursor([pit]);
        ValueGetter<double> get = NumberGetter(cursor, pit);
        double z = 0;
        while (cursor.MoveNext())
        {
            get(ref z);
            if (!(z >= 0 && z <= 1))
                throw RowError("PIT", pitColumnName, cursor.Position, $"holds {CalibrationInput.Format(z)}; expected a PIT value F(y) in [0, 1]");
            values.Add(z);
        }
        RequireRows(values.Count, pitColumnName, nameof(data));
        return values.ToArray();
    }

    public static (double[] Labels, double[] Quantiles) ReadQuantiles(IDataView data, string labelColumnName,
        string quantilesColumnName, int levels)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema schema = data.Schema;
        DataViewSchema.Column label = RequireNumber(schema, labelColumnName, "label");
        DataViewSchema.Column quantiles = RequireVector(schema, quantilesColumnName, "quantiles", levels,
            $"a Vector<Single> of size {levels} (one predicted quantile per level)");
        var labels = new List<double>();
        var values = new List<double>();
        using DataViewRowCursor cursor = data.GetRowCursor([label, quantiles]);
        ValueGetter<double> getLabel = NumberGetter(cursor, label);
        ValueGetter<double[]> getQuantiles = VectorGetter(cursor, quantiles);
        double y = 0;
        double[] row = new double[levels];
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            if (!double.IsFinite(y))
                throw RowError("label", labelColumnName, cursor.Position, $"holds {CalibrationInput.Format(y)}; expected a finite number");
            getQuantiles(ref row);
            for (int j = 0; j < levels; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw RowError("quantiles", quantilesColumnName, cursor.Position,
                        $"holds {CalibrationInput.Format(row[j])} in slot {j}; expected finite quantiles");
                }
            }
            labels.Add(y);
            values.AddRange(row);
        }
        RequireRows(labels.Count, quantilesColumnName, nameof(data));
        return (labels.ToArray(), values.ToArray());
    }

    private static bool IsNumber(DataViewType type) => type == NumberDataViewType.Single || type == NumberDataViewType.Double;

    private static DataViewSchema.Column RequireNumber(DataViewSchema schema, string columnName, string role)
    {
        SchemaChecks.RequireScalar(schema, columnName, role, IsNumber, ScalarNumber, DataParam);
        return schema[columnName];
    }

    private static DataViewSchema.Column RequireVector(DataViewSchema schema, string columnName, string role, int size,
        string expected)
    {
        DataViewSchema.Column? column = schema.GetColumnOrNull(columnName);
        if (column is null)
            throw SchemaChecks.Missing(role, columnName, expected, DataParam);
        if (column.Value.Type is not VectorDataViewType { IsKnownSize: true } vector || !IsNumber(vector.ItemType) || vector.Size != size)
            throw SchemaChecks.Mismatch(role, columnName, expected, SchemaChecks.TypeName(column.Value.Type), DataParam);
        return column.Value;
    }

    private static ValueGetter<double> NumberGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Double)
            return cursor.GetGetter<double>(column);
        ValueGetter<float> single = cursor.GetGetter<float>(column);
        float value = 0;
        return (ref double destination) =>
        {
            single(ref value);
            destination = value;
        };
    }

    private static ValueGetter<bool> BinaryLabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is BooleanDataViewType)
            return cursor.GetGetter<bool>(column);
        ValueGetter<double> number = NumberGetter(cursor, column);
        double value = 0;
        return (ref bool destination) =>
        {
            number(ref value);
            if (value != 0 && value != 1)
                throw RowError("label", column.Name, cursor.Position, $"holds {CalibrationInput.Format(value)}; expected 0 or 1");
            destination = value == 1;
        };
    }

    private static ValueGetter<ulong> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        Type raw = column.Type.RawType;
        if (raw == typeof(uint))
            return Widen<uint>(cursor, column, v => v);
        if (raw == typeof(byte))
            return Widen<byte>(cursor, column, v => v);
        if (raw == typeof(ushort))
            return Widen<ushort>(cursor, column, v => v);
        return cursor.GetGetter<ulong>(column);
    }

    private static ValueGetter<ulong> Widen<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        ValueGetter<T> getter = cursor.GetGetter<T>(column);
        T value = default!;
        return (ref ulong destination) =>
        {
            getter(ref value);
            destination = widen(value);
        };
    }

    /// <summary>A dense copy of a known-size Single or Double vector (sparse rows have zeros in the missing slots).</summary>
    private static ValueGetter<double[]> VectorGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (((VectorDataViewType)column.Type).ItemType == NumberDataViewType.Double)
        {
            ValueGetter<VBuffer<double>> doubles = cursor.GetGetter<VBuffer<double>>(column);
            VBuffer<double> buffer = default;
            return (ref double[] destination) =>
            {
                doubles(ref buffer);
                buffer.CopyTo(destination);
            };
        }
        ValueGetter<VBuffer<float>> singles = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> floats = default;
        float[] dense = [];
        return (ref double[] destination) =>
        {
            singles(ref floats);
            if (dense.Length != destination.Length)
                dense = new float[destination.Length];
            floats.CopyTo(dense);
            for (int i = 0; i < dense.Length; i++)
                destination[i] = dense[i];
        };
    }

    private static void RequireProbability(double value, string role, string columnName, long row, int slot = -1)
    {
        if (!(value >= 0 && value <= 1))
        {
            string where = slot < 0 ? "" : $" in slot {slot}";
            throw RowError(role, columnName, row, $"holds {CalibrationInput.Format(value)}{where}; expected a probability in [0, 1]");
        }
    }

    private static void RequireRows(int count, string columnName, string paramName)
    {
        if (count == 0)
            throw new ArgumentException($"The data has no rows; the calibration metrics of '{columnName}' need at least one.", paramName);
    }

    private static InvalidOperationException RowError(string role, string columnName, long row, string problem)
        => new($"The {role} column '{columnName}' at row {row} {problem}.");
}
