using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Data;

/// <summary>A validated CSV: every column except the label (and the ranking group) is a finite numeric feature, and the
/// label was read as the task reads it (0/1 for binary, a number for regression and ranking, a class index for
/// multiclass and clustering, whose class names are in <see cref="ClassNames"/>). Features are row-major.</summary>
internal sealed class CsvTable
{
    private readonly float[] _features;
    private readonly float[] _labels;
    private readonly int[] _groups;

    /// <param name="path">The file as given.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="columns">Every header name, in file order.</param>
    /// <param name="labelIndex">File position of the label; -1 for a table without one (clustering without --label).</param>
    /// <param name="features">Row-major feature values.</param>
    /// <param name="labels">One label per row (zeros without a label column).</param>
    /// <param name="classNames">Class names, indexed by the label value, for tasks whose labels are classes.</param>
    /// <param name="groupIndex">File position of the ranking group column; -1 without one.</param>
    /// <param name="groups">Group index (into <paramref name="groupNames"/>) of each row.</param>
    /// <param name="groupNames">The distinct group values, in file order.</param>
    /// <param name="ignoredIndices">File positions of columns that are not features (clustering's --ignore).</param>
    public CsvTable(string path, char separator, IReadOnlyList<string> columns, int labelIndex, float[] features,
        float[] labels, IReadOnlyList<string>? classNames = null, int groupIndex = -1, int[]? groups = null,
        IReadOnlyList<string>? groupNames = null, IReadOnlyCollection<int>? ignoredIndices = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(labels);
        Path = path;
        Separator = separator;
        Columns = columns;
        LabelIndex = labelIndex;
        GroupIndex = groupIndex;
        FeatureIndices = Enumerable.Range(0, columns.Count)
            .Where(i => i != labelIndex && i != groupIndex && !(ignoredIndices?.Contains(i) ?? false)).ToArray();
        FeatureColumns = FeatureIndices.Select(i => columns[i]).ToArray();
        _features = features;
        _labels = labels;
        _groups = groups ?? [];
        ClassNames = classNames ?? [];
        GroupNames = groupNames ?? [];
        Positives = labels.Count(y => y > 0.5f);
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The file name (for reports).</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public char Separator { get; }

    /// <summary>Every column name from the header, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>File position of the label column; -1 when the table has none.</summary>
    public int LabelIndex { get; }

    public bool HasLabel => LabelIndex >= 0;

    /// <summary>The label column's name; empty when the table has none.</summary>
    public string LabelColumn => HasLabel ? Columns[LabelIndex] : string.Empty;

    /// <summary>File position of the ranking group column; -1 when the table has none.</summary>
    public int GroupIndex { get; }

    public bool HasGroups => GroupIndex >= 0;

    /// <summary>The group column's name; empty when the table has none.</summary>
    public string GroupColumn => HasGroups ? Columns[GroupIndex] : string.Empty;

    /// <summary>File positions of the feature columns (every column but the label, the group and ignored ones).</summary>
    public IReadOnlyList<int> FeatureIndices { get; }

    public IReadOnlyList<string> FeatureColumns { get; }

    public int FeatureCount => FeatureIndices.Count;

    public int RowCount => _labels.Length;

    /// <summary>Rows with a label above 0.5 (class 1 of a binary label).</summary>
    public int Positives { get; }

    public int Negatives => RowCount - Positives;

    /// <summary>Labels, one per row: 0/1, a number, or a class index into <see cref="ClassNames"/>.</summary>
    public ReadOnlySpan<float> Labels => _labels;

    /// <summary>The class names of a multiclass or clustering label (empty for other tasks), sorted as the task sorts them.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Group index of each row (empty without a group column).</summary>
    public ReadOnlySpan<int> Groups => _groups;

    /// <summary>The distinct values of the group column in file order (empty without one).</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<float> RowFeatures(int row) => _features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>Rows per class of a class label (index = class).</summary>
    public int[] ClassCounts(IEnumerable<int>? rows = null)
    {
        var counts = new int[ClassNames.Count];
        foreach (int r in rows ?? Enumerable.Range(0, RowCount))
            counts[(int)_labels[r]]++;
        return counts;
    }

    /// <summary>The file read by ML.NET's TextLoader with each feature column as a Single column named as in the header
    /// (the label and group are left out): the input schema of the models <c>train</c> saves. With
    /// <paramref name="withTextColumns"/>, the label and group cells are added as text columns
    /// <see cref="ColumnNames.LabelText"/> and <see cref="ColumnNames.GroupText"/>, for the task's evaluator.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="withTextColumns">Adds the label and group cells as text columns.</param>
    /// <param name="labelAs">Also loads the label column under its own name as this kind, for a model that reads it (an
    /// ML.NET pipeline that starts with MapValueToKey on the label).</param>
    public IDataView LoadFeatureColumns(MLContext ml, bool withTextColumns = false, DataKind? labelAs = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        List<TextLoader.Column> columns = FeatureIndices
            .Select(i => new TextLoader.Column(Columns[i], DataKind.Single, i))
            .ToList();
        if (withTextColumns && HasLabel)
            columns.Add(new TextLoader.Column(ColumnNames.LabelText, DataKind.String, LabelIndex));
        if (labelAs is { } kind && HasLabel)
            columns.Add(new TextLoader.Column(LabelColumn, kind, LabelIndex));
        if (withTextColumns && HasGroups)
            columns.Add(new TextLoader.Column(ColumnNames.GroupText, DataKind.String, GroupIndex));
        return ml.Data.CreateTextLoader(CsvTableReader.LoaderOptions(columns.ToArray(), Separator)).Load(Path);
    }

    /// <summary>Fails unless each class has at least <paramref name="perClass"/> rows.</summary>
    public void RequireBothClasses(int perClass, string purpose)
    {
        if (Positives < perClass || Negatives < perClass)
            throw new CliException(
                $"Label column '{LabelColumn}' in '{Name}' has {Negatives} rows of class 0 and {Positives} of class 1; {purpose} needs at least {perClass} of each.");
    }
}
