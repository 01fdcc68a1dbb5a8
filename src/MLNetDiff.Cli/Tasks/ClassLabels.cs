using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Labels that name classes (multiclass, clustering with a label): any non-empty text. Classes are sorted by
/// value (as numbers when every class is one, so 2 comes before 10; ordinal text otherwise), the order of
/// <c>MapValueToKey(keyOrdinality: ByValue)</c>, and the trainers see them through ML.NET's MapValueToKey.</summary>
internal static class ClassLabels
{
    /// <summary>The class index of each cell and the sorted class names.</summary>
    public static (float[] Labels, IReadOnlyList<string> Classes) Read(string file, string column, IReadOnlyList<string> cells, string expected)
    {
        ArgumentNullException.ThrowIfNull(cells);
        for (int r = 0; r < cells.Count; r++)
        {
            if (cells[r].Length == 0)
                throw CsvTableReader.LabelError(file, column, cells[r], r + 1, expected);
        }
        string[] distinct = cells.Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        string[] classes = numeric
            ? distinct.OrderBy(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(c => c, StringComparer.Ordinal).ToArray()
            : distinct.OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classes.Length; c++)
            index[classes[c]] = c;
        var labels = new float[cells.Count];
        for (int r = 0; r < cells.Count; r++)
            labels[r] = index[cells[r]];
        return (labels, classes);
    }

    /// <summary>Adds <see cref="ColumnNames.LabelKey"/>: ML.NET's MapValueToKey of <see cref="ColumnNames.LabelText"/> with
    /// the classes as key data, so key i + 1 is class i in every fold (a fold that lacks a class keeps its key).</summary>
    public static IDataView WithLabelKey(MLContext ml, IDataView view, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(ml);
        IDataView keyData = ml.Data.LoadFromEnumerable(classes.Select(c => new TextRow { Value = c }));
        return ml.Transforms.Conversion.MapValueToKey(ColumnNames.LabelKey, ColumnNames.LabelText, keyData: keyData)
            .Fit(view).Transform(view);
    }

    /// <summary>"3 classes (50 '0', 50 '1', 50 '2')", the counts of the first few classes.</summary>
    public static string Describe(CsvTable table, IEnumerable<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] counts = table.ClassCounts(rows);
        const int Listed = 8;
        string listed = string.Join(", ", counts.Take(Listed).Select((n, c) => $"{n} '{table.ClassNames[c]}'"));
        if (counts.Length > Listed)
            listed += $", … ({counts.Length - Listed} more)";
        return $"{counts.Length} classes ({listed})";
    }

    /// <summary>"classes": K and "classCounts": {name: rows}.</summary>
    public static void WriteJson(Utf8JsonWriter writer, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        int[] counts = table.ClassCounts();
        writer.WriteNumber("classes", counts.Length);
        writer.WriteStartObject("classCounts");
        for (int c = 0; c < counts.Length; c++)
            writer.WriteNumber(table.ClassNames[c], counts[c]);
        writer.WriteEndObject();
    }

    /// <summary>A warning per class with fewer rows than folds: some test folds lack it.</summary>
    public static IEnumerable<string> RareClassWarnings(CsvTable table, int folds)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] counts = table.ClassCounts();
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] < folds)
            {
                yield return $"class '{table.ClassNames[c]}' of label column '{table.LabelColumn}' has {counts[c]} row(s), fewer than the " +
                    $"{folds} folds: some test folds lack it, and its recall counts only in the folds that have it.";
            }
        }
    }
}
