using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>
/// What a machine-learning task means to the tool: how a label is read from the CSV, how rows are dealt into folds, and
/// which metrics ML.NET's own evaluator for the task gives on a scored fold. <c>compare</c>, <c>train</c> and
/// <c>evaluate</c> are written against this, so a task is one descriptor (its small parts: label reading, a
/// <see cref="FoldScheme"/>, the evaluator call with its metric list, the label summary) plus a list of trainers.
/// The metric plumbing lives once in <see cref="TaskDescriptor{TMetrics}"/>.
/// </summary>
internal abstract class TaskDescriptor
{
    /// <summary>The command word: "binary", "regression", "multiclass", "clustering", "ranking".</summary>
    public abstract string Name { get; }

    /// <summary>What a label must be, for error messages: "0/1 or false/true (a binary label)".</summary>
    public abstract string ExpectedLabel { get; }

    /// <summary>False for tasks that can run without a label (clustering).</summary>
    public virtual bool LabelRequired => true;

    /// <summary>True for tasks whose rows come in groups (ranking: the query of each document).</summary>
    public virtual bool UsesGroups => false;

    /// <summary>How rows are dealt into folds.</summary>
    public abstract FoldScheme Folds { get; }

    /// <summary>How the folds are made, for the report title: "stratified", "shuffled", "grouped".</summary>
    public string FoldKind => Folds.Kind;

    /// <summary>The metric columns, in the order <see cref="Evaluate"/> returns them.</summary>
    public abstract IReadOnlyList<TaskMetric> Metrics { get; }

    /// <summary>The metric that ranks trainers of this task (the first of <see cref="Metrics"/> unless a task says otherwise).</summary>
    public virtual TaskMetric PrimaryMetric => Metrics[0];

    /// <summary>A note on the metrics for the report title (empty when there is none).</summary>
    public virtual string MetricNote => string.Empty;

    /// <summary>Reads the label cells (trimmed text, one per row): the label of each row, and the class names when the
    /// labels are classes (empty otherwise). Throws <see cref="CliException"/> naming the first cell it cannot read.</summary>
    public abstract (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells);

    /// <summary>The fold (0 … <paramref name="folds"/> − 1) of every row; throws <see cref="CliException"/> saying how
    /// many rows the task needs when the table cannot give that many folds.</summary>
    public int[] AssignFolds(CsvTable table, int folds, int seed) => Folds.Assign(table, folds, seed);

    /// <summary>Adds the key columns the task's trainers and evaluator read (multiclass <c>LabelKey</c>, ranking
    /// <c>GroupId</c>) to an in-memory view of the table, from its text columns; the others read the view as it is.</summary>
    public virtual IDataView WithTaskColumns(MLContext ml, CsvTable table, IDataView view) => view;

    /// <summary>Adds the columns the evaluator reads to a view the saved model scored (its input had the label and group
    /// cells as <see cref="ColumnNames.LabelText"/> and <see cref="ColumnNames.GroupText"/>). By default the label
    /// is converted to Single, then <see cref="WithTaskColumns"/>; multiclass maps labels to the model's own classes.</summary>
    public virtual IDataView WithEvaluationColumns(MLContext ml, CsvTable table, IDataView scored, DataViewSchema modelOutput)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(table);
        IDataView view = table.HasLabel
            ? ml.Transforms.Conversion.ConvertType(ColumnNames.Label, ColumnNames.LabelText, Microsoft.ML.Data.DataKind.Single)
                .Fit(scored).Transform(scored)
            : scored;
        return WithTaskColumns(ml, table, view);
    }

    /// <summary>ML.NET's evaluator for the task on a scored view of the in-memory columns (<see cref="InMemoryViews"/>):
    /// one value per <see cref="Metrics"/> entry.</summary>
    public abstract double[] Evaluate(MLContext ml, IDataView scored);

    /// <summary>The label part of the report title: "212 positive", "label mean 35.82".</summary>
    public abstract string DescribeLabel(CsvTable table);

    /// <summary>The given rows, for a failure message: "40 rows (20 of class 0, 20 of class 1)".</summary>
    public virtual string DescribeRows(CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return $"{rows.Count} rows";
    }

    /// <summary>The label summary of the JSON output ("positives": 212).</summary>
    public abstract void WriteLabelJson(Utf8JsonWriter writer, CsvTable table);

    /// <summary>Refuses data a trainer of the task cannot learn from though every cell reads (a "class" label of unique
    /// values); <c>compare</c> and <c>train</c> call it, <c>evaluate</c> does not.</summary>
    public virtual void CheckTrainingData(CsvTable table)
    {
    }

    /// <summary>What is legal but makes some metric meaningless (one class, a class rarer than the folds): one line each,
    /// printed as warnings before the run.</summary>
    public virtual IEnumerable<string> Warnings(CsvTable table, int folds) => [];
}
