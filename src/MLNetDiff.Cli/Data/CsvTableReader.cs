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
/// Reads a CSV with ML.NET's TextLoader: the header row names the columns; the label column (and a ranking group column)
/// is found by name and read as the task reads it; every other column must be numeric. Errors are <see cref="CliException"/>s naming the file, column and row.
/// </summary>
internal static class CsvTableReader
{
    private const int MaxListedColumns = 20;

    /// <summary>Reads the file; labels are read as <paramref name="task"/> reads them (binary when null). A null
    /// <paramref name="labelColumn"/> reads a table without a label (only for tasks that need none); a
    /// <paramref name="groupColumn"/> (ranking) is read as text, mapped to a group index, and left out of the features.
    /// Columns named in <paramref name="ignore"/> (clustering's --ignore) are not read at all, so they may hold anything.</summary>
    public static CsvTable Read(string path, string? labelColumn, TaskDescriptor? task = null, string? groupColumn = null,
        IReadOnlyCollection<string>? ignore = null)
    {
        task ??= BinaryTask.Instance;
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (labelColumn is null && task.LabelRequired)
            throw new CliException($"The {task.Name} task needs a label column (--label).");
        if (groupColumn is null && task.UsesGroups)
            throw new CliException($"The {task.Name} task needs --group, the column that names each row's group (query).");
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
        int labelIndex = labelColumn is null ? -1 : FindColumn(path, columns, labelColumn, "Label");
        int groupIndex = groupColumn is null ? -1 : FindColumn(path, columns, groupColumn, "Group");
        if (groupIndex >= 0 && groupIndex == labelIndex)
            throw new CliException($"--group '{groupColumn}' names the label column; the group column says which rows rank together.");
        var ignored = new HashSet<int>();
        foreach (string name in ignore ?? [])
        {
            int i = FindColumn(path, columns, name, "--ignore");
            if (i == labelIndex || i == groupIndex)
                throw new CliException($"--ignore '{name}' names the {(i == labelIndex ? "label" : "group")} column, which is never a feature anyway.");
            ignored.Add(i);
        }
        if (ignored.Count > 0 && columns.Length - ignored.Count - (labelIndex >= 0 ? 1 : 0) - (groupIndex >= 0 ? 1 : 0) == 0)
            throw new CliException($"--ignore leaves no feature column in '{Path.GetFileName(path)}'; expected numeric feature columns.");
        int nonFeatures = (labelIndex >= 0 ? 1 : 0) + (groupIndex >= 0 ? 1 : 0);
        if (columns.Length <= nonFeatures)
        {
            throw new CliException(labelIndex >= 0
                ? $"Data file '{path}' has only the label column '{columns[labelIndex]}'{(groupIndex >= 0 ? $" and the group column '{columns[groupIndex]}'" : string.Empty)}; expected numeric feature columns too."
                : $"Data file '{path}' has no columns.");
        }

        CsvFieldCounts.Check(path, separator, columns.Length);

        var loaderColumns = new TextLoader.Column[columns.Length];
        for (int i = 0; i < columns.Length; i++)
            loaderColumns[i] = new TextLoader.Column("c" + i.ToString(CultureInfo.InvariantCulture), DataKind.String, i);
        var ml = new MLContext(0);
        IDataView text = ml.Data.CreateTextLoader(LoaderOptions(loaderColumns, separator)).Load(path);

        var features = new List<float>();
        var labelCells = new List<string>();
        var groupCells = new List<string>();
        int rows = 0;
        using (DataViewRowCursor cursor = text.GetRowCursor(text.Schema))
        {
            var getters = new ValueGetter<ReadOnlyMemory<char>>[columns.Length];
            for (int i = 0; i < columns.Length; i++)
                getters[i] = cursor.GetGetter<ReadOnlyMemory<char>>(text.Schema[i]);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                rows++;
                for (int i = 0; i < columns.Length; i++)
                {
                    getters[i](ref value);
                    if (i == labelIndex)
                        labelCells.Add(value.Span.Trim().ToString());
                    else if (i == groupIndex)
                        groupCells.Add(value.Span.Trim().ToString());
                    else if (!ignored.Contains(i))
                        features.Add(ParseFeature(path, columns[i], value.Span, rows));
                }
            }
        }
        if (rows == 0)
            throw new CliException($"Data file '{path}' has a header but no data rows.");
        (float[] labels, IReadOnlyList<string> classes) = labelIndex >= 0
            ? task.ReadLabels(Path.GetFileName(path), columns[labelIndex], labelCells)
            : (new float[rows], []);
        (int[] groups, string[] groupNames) = groupIndex >= 0 ? Groups(path, columns[groupIndex], groupCells) : ([], []);
        return new CsvTable(path, separator, columns, labelIndex, features.ToArray(), labels, classes, groupIndex, groups,
            groupNames, ignored);
    }

    /// <summary>Group indices in order of first appearance. Each group must be one run of consecutive rows: ML.NET's
    /// ranking trainers and evaluator start a new group wherever the group value changes, so a group split over the
    /// file would silently count as several.</summary>
    private static (int[] Groups, string[] Names) Groups(string path, string column, List<string> cells)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new int[cells.Count];
        for (int r = 0; r < cells.Count; r++)
        {
            string cell = cells[r];
            if (cell.Length == 0)
                throw new CliException($"Group column '{column}' is empty in data row {r + 1} of '{Path.GetFileName(path)}'; every row needs its group (query) id.");
            if (index.TryGetValue(cell, out int g))
            {
                if (groups[r - 1] != g)
                {
                    throw new CliException($"Group '{cell}' of column '{column}' appears again in data row {r + 1} of '{Path.GetFileName(path)}' " +
                        "after other groups; ML.NET's ranking trainers and evaluator read a group as consecutive rows: sort the file by the group column.");
                }
                groups[r] = g;
            }
            else
            {
                groups[r] = index.Count;
                index.Add(cell, index.Count);
            }
        }
        return (groups, index.OrderBy(p => p.Value).Select(p => p.Key).ToArray());
    }

    /// <summary>Reads label cells one at a time with <paramref name="tryParse"/>; the error names the cell's row and what
    /// the task expects.</summary>
    internal static float[] ParseEach(string file, string column, IReadOnlyList<string> cells, TryParse tryParse, string expected)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(tryParse);
        var labels = new float[cells.Count];
        for (int r = 0; r < cells.Count; r++)
        {
            if (!tryParse(cells[r], out labels[r]))
                throw LabelError(file, column, cells[r], r + 1, expected);
        }
        return labels;
    }

    /// <summary>One label cell → a label, or false.</summary>
    internal delegate bool TryParse(ReadOnlySpan<char> text, out float label);

    /// <summary>The error of a label cell the task cannot read.</summary>
    internal static CliException LabelError(string file, string column, string cell, int row, string expected) =>
        new($"Label column '{column}' holds {Quote(cell)} in data row {row} of '{file}'; expected {expected}.");

    /// <summary>True when the file's header names <paramref name="column"/> (exactly, or once ignoring case); false for a
    /// file that cannot be read (<see cref="Read"/> then says why).</summary>
    public static bool HasColumn(string path, string column)
    {
        try
        {
            if (!File.Exists(path) || ReadHeader(path) is not { Length: > 0 } header)
                return false;
            string[] columns = SplitHeader(header, DetectSeparator(header));
            return Array.IndexOf(columns, column) >= 0
                || columns.Count(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase)) == 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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

    /// <summary>The column named <paramref name="name"/> (exactly, or ignoring case when that is unique).</summary>
    private static int FindColumn(string path, string[] columns, string name, string role)
    {
        int index = Array.IndexOf(columns, name);
        if (index >= 0)
            return index;
        int[] ignoringCase = Enumerable.Range(0, columns.Length)
            .Where(i => string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (ignoringCase.Length == 1)
            return ignoringCase[0];
        string listed = string.Join(", ", columns.Take(MaxListedColumns));
        if (columns.Length > MaxListedColumns)
            listed += $", … ({columns.Length} columns)";
        throw new CliException($"{role} column '{name}' not found in '{Path.GetFileName(path)}'; its columns are: {listed}.");
    }
}
