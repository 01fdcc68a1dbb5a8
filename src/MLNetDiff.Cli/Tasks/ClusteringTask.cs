using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Clustering: no label needed; shuffled folds; ML.NET's <c>Clustering.Evaluate</c> (average distance to the
/// assigned centroid and the Davies–Bouldin index, both read from the scored view's Features column). With a label
/// (<see cref="Labelled"/>: any class values, mapped to a key as for multiclass), ML.NET's evaluator also gives the
/// normalized mutual information between clusters and classes, and only then is NMI a column.</summary>
internal sealed class ClusteringTask : TaskDescriptor<ClusteringMetrics>
{
    /// <summary>Without a label: AverageDistance and DaviesBouldinIndex.</summary>
    public static ClusteringTask Unlabelled { get; } = new(labelled: false);

    /// <summary>With a label: NMI too.</summary>
    public static ClusteringTask Labelled { get; } = new(labelled: true);

    private static readonly ShuffledFolds Shuffled = new(2, ": a test fold of one row has no distances to compare");

    private readonly bool _labelled;

    private ClusteringTask(bool labelled)
        : base(MetricList(labelled))
    {
        _labelled = labelled;
    }

    private static (TaskMetric, Func<ClusteringMetrics, double>)[] MetricList(bool labelled)
    {
        var list = new List<(TaskMetric, Func<ClusteringMetrics, double>)>
        {
            (new("AverageDistance", "averageDistance", false, "AvgDist"), m => m.AverageDistance),
            (new("DaviesBouldinIndex", "daviesBouldinIndex", false, "DBI"), m => m.DaviesBouldinIndex),
        };
        if (labelled)
            list.Add((new("NMI", "normalizedMutualInformation", true, "NMI"), m => m.NormalizedMutualInformation));
        return list.ToArray();
    }

    /// <summary>The task for a run with or without a label column.</summary>
    public static ClusteringTask For(bool labelled) => labelled ? Labelled : Unlabelled;

    public override string Name => "clustering";

    public override string ExpectedLabel => "a class: any non-empty value (a number or a name)";

    public override bool LabelRequired => _labelled;

    public override FoldScheme Folds => Shuffled;

    /// <summary>NMI when there is a label (agreement with the known classes), else the Davies–Bouldin index.</summary>
    public override TaskMetric PrimaryMetric => _labelled ? Metrics[2] : Metrics[1];

    public override string MetricNote => " (distances in the Features space the trainer reads)";

    public override (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells) =>
        ClassLabels.Read(file, column, cells, ExpectedLabel);

    public override IDataView WithTaskColumns(MLContext ml, CsvTable table, IDataView view)
    {
        ArgumentNullException.ThrowIfNull(table);
        return _labelled && table.HasLabel ? ClassLabels.WithLabelKey(ml, view, table.ClassNames) : view;
    }

    /// <summary>The label (if any) maps to the table's classes; cluster ids need no matching (NMI does not care which
    /// cluster is which).</summary>
    public override IDataView WithEvaluationColumns(MLContext ml, CsvTable table, IDataView scored, DataViewSchema modelOutput) =>
        WithTaskColumns(ml, table, scored);

    protected override ClusteringMetrics RunEvaluator(MLContext ml, IDataView scored)
    {
        // Davies–Bouldin needs the features; a model that keeps no Features vector in its output gets NaN (n/a) there.
        bool features = scored.Schema.GetColumnOrNull(ColumnNames.Features) is { Type: VectorDataViewType { ItemType: NumberDataViewType } };
        return ml.Clustering.Evaluate(scored, labelColumnName: _labelled ? ColumnNames.LabelKey : null,
            scoreColumnName: ColumnNames.Score, featureColumnName: features ? ColumnNames.Features : null);
    }

    public override string DescribeLabel(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.HasLabel ? $"label '{table.LabelColumn}' {ClassLabels.Describe(table)}" : "no label";
    }

    public override void WriteLabelJson(Utf8JsonWriter writer, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        if (table.HasLabel)
            ClassLabels.WriteJson(writer, table);
        else
            writer.WriteNull("classes");
    }

    public override IEnumerable<string> Warnings(CsvTable table, int folds)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Without --label every column is a feature, a "Label" column too: clustering on the answer flatters NMI-free
        // metrics and is rarely meant.
        if (!table.HasLabel && table.FeatureColumns.FirstOrDefault(c => string.Equals(c, "Label", StringComparison.OrdinalIgnoreCase)) is { } labelLike)
            yield return $"column '{labelLike}' is read as a feature (no --label given); give --label {labelLike} to leave it out and get NMI against it.";
        if (table.HasLabel && table.ClassNames.Count < 2)
            yield return $"label column '{table.LabelColumn}' holds one class only ('{(table.ClassNames.Count > 0 ? table.ClassNames[0] : string.Empty)}'): NMI against it is meaningless.";
    }
}
