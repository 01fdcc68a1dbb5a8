using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Data;

/// <summary>
/// Reads a CSV with ML.NET's TextLoader: the header row names the columns; the label column is found by name; every
/// other column must be numeric. Errors are <see cref="CliException"/>s naming the file, column and row.
/// </summary>
internal static class CsvTableReader
{
    private const int MaxListedColumns = 20;

    /// <summary>Reads the file; labels are read as <paramref name="task"/> reads them (binary when null).</summary>
    public static CsvTable Read(string path, string labelColumn, TaskDescriptor? task = null)
    {
        task ??= BinaryTask.Instance;
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(labelColumn);
        if (Directory.Exists(path))
            throw new CliException($"Data file '{path}' is a directory, not a CSV file.");
        if (!File.Exists(path))
            throw new CliException($"Data file '{path}' not found.");

        string? header = ReadHeader(path);
        if (string.IsNullOrWhiteSpace(header))
            throw new CliException($"Data file '{path}' is empty; expected a header row, then one row per example.");
        char separator = DetectSeparator(header);
        string[] columns = SplitHeader(header, separator);
        CheckColumnNames(path, columns);
        int labelIndex = FindLabel(path, columns, labelColumn);
        if (columns.Length < 2)
            throw new CliException($"Data file '{path}' has only the label column '{columns[labelIndex]}'; expected numeric feature columns too.");

        CsvFieldCounts.Check(path, separator, columns.Length);

        var loaderColumns = new TextLoader.Column[columns.Length];
        for (int i = 0; i < columns.Length; i++)
            loaderColumns[i] = new TextLoader.Column("c" + i.ToString(CultureInfo.InvariantCulture), DataKind.String, i);
        var ml = new MLContext(0);
        IDataView text = ml.Data.CreateTextLoader(LoaderOptions(loaderColumns, separator)).Load(path);

        var features = new List<float>();
        var labels = new List<float>();
        using (DataViewRowCursor cursor = text.GetRowCursor(text.Schema))
        {
            var getters = new ValueGetter<ReadOnlyMemory<char>>[columns.Length];
            for (int i = 0; i < columns.Length; i++)
                getters[i] = cursor.GetGetter<ReadOnlyMemory<char>>(text.Schema[i]);
            ReadOnlyMemory<char> value = default;
            int row = 0;
            while (cursor.MoveNext())
            {
                row++;
                for (int i = 0; i < columns.Length; i++)
                {
                    getters[i](ref value);
                    if (i == labelIndex)
                        labels.Add(ParseLabel(task, path, columns[i], value.Span, row));
                    else
                        features.Add(ParseFeature(path, columns[i], value.Span, row));
                }
            }
        }
        if (labels.Count == 0)
            throw new CliException($"Data file '{path}' has a header but no data rows.");
        return new CsvTable(path, separator, columns, labelIndex, features.ToArray(), labels.ToArray());
    }

    /// <summary>TextLoader settings shared by every read of the file: header row, one separator, quoting, dense rows.</summary>
    internal static TextLoader.Options LoaderOptions(TextLoader.Column[] columns, char separator) => new()
    {
        Columns = columns,
        HasHeader = true,
        Separators = [separator],
        AllowQuoting = true,
        AllowSparse = false,
        TrimWhitespace = true,
    };

    /// <summary>Parses one label: 0 or 1 (any numeric spelling), or false/true (any case).</summary>
    internal static bool TryParseLabel(ReadOnlySpan<char> text, out float label)
    {
        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            label = 1f;
            return true;
        }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            label = 0f;
            return true;
        }
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float y) && (y == 0f || y == 1f))
        {
            label = y;
            return true;
        }
        label = 0f;
        return false;
    }

    private static float ParseLabel(TaskDescriptor task, string path, string column, ReadOnlySpan<char> text, int row)
    {
        if (task.TryParseLabel(text, out float label))
            return label;
        throw new CliException(
            $"Label column '{column}' holds {Quote(text)} in data row {row} of '{Path.GetFileName(path)}'; expected {task.ExpectedLabel}.");
    }

    private static float ParseFeature(string path, string column, ReadOnlySpan<char> text, int row)
    {
        bool parsed = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float x);
        if (parsed && float.IsFinite(x))
            return x;
        // float.TryParse reads "NaN" and "Infinity" (and a value beyond float's range as infinity): those are numbers,
        // just not usable ones, and saying "non-numeric" about them confused users.
        string what = text.Trim().IsEmpty ? "an empty (missing) value"
            : parsed ? $"the non-finite value {Quote(text)}"
            : $"the non-numeric value {Quote(text)}";
        throw new CliException(
            $"Column '{column}' holds {what} in data row {row} of '{Path.GetFileName(path)}'; every column except the label must be a finite number.");
    }

    private static string Quote(ReadOnlySpan<char> text)
    {
        string s = text.Trim().ToString();
        return s.Length == 0 ? "an empty value" : "'" + (s.Length > 40 ? s[..40] + "…" : s) + "'";
    }

    /// <summary>The first line (TextLoader skips exactly one header line).</summary>
    private static string? ReadHeader(string path) => File.ReadLines(path).FirstOrDefault();

    /// <summary>Comma, unless the header has none and has tabs or semicolons.</summary>
    private static char DetectSeparator(string header) =>
        header.Contains(',', StringComparison.Ordinal) ? ','
        : header.Contains('\t', StringComparison.Ordinal) ? '\t'
        : header.Contains(';', StringComparison.Ordinal) ? ';'
        : ',';

    /// <summary>Column names, split as the rows are (a quoted name may hold the separator).</summary>
    private static string[] SplitHeader(string header, char separator) => CsvFieldCounts.Split(header, separator);

    private static void CheckColumnNames(string path, string[] columns)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
                throw new CliException($"Column {i + 1} of '{Path.GetFileName(path)}' has an empty name in the header row.");
        }
        string? duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
            throw new CliException($"Column '{duplicate}' appears more than once in the header row of '{Path.GetFileName(path)}'.");
    }

    private static int FindLabel(string path, string[] columns, string label)
    {
        int index = Array.IndexOf(columns, label);
        if (index >= 0)
            return index;
        int[] ignoringCase = Enumerable.Range(0, columns.Length)
            .Where(i => string.Equals(columns[i], label, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (ignoringCase.Length == 1)
            return ignoringCase[0];
        string listed = string.Join(", ", columns.Take(MaxListedColumns));
        if (columns.Length > MaxListedColumns)
            listed += $", … ({columns.Length} columns)";
        throw new CliException($"Label column '{label}' not found in '{Path.GetFileName(path)}'; its columns are: {listed}.");
    }
}
