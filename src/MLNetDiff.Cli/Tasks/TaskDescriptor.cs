using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>
/// What a machine-learning task means to the tool: how a label is read from the CSV, how rows are dealt into folds, and
/// which metrics ML.NET's own evaluator for the task gives on a scored fold. <c>compare</c> and <c>train</c> are written
/// against this, so a task is one descriptor plus a list of trainers (see <see cref="BinaryTask"/> and
/// <see cref="RegressionTask"/>; multiclass, clustering and ranking would be one more each, over
/// <c>MulticlassClassification.Evaluate</c>, <c>Clustering.Evaluate</c> and <c>Ranking.Evaluate</c>).
/// </summary>
internal abstract class TaskDescriptor
{
    /// <summary>The command word: "binary", "regression".</summary>
    public abstract string Name { get; }

    /// <summary>What a label must be, for error messages: "0/1 or false/true (a binary label)".</summary>
    public abstract string ExpectedLabel { get; }

    /// <summary>How the folds are made, for the report title: "stratified", "shuffled".</summary>
    public abstract string FoldKind { get; }

    /// <summary>The metric columns, in the order <see cref="Evaluate"/> returns them.</summary>
    public abstract IReadOnlyList<TaskMetric> Metrics { get; }

    /// <summary>Reads one label cell; false when it is not a label of this task.</summary>
    public abstract bool TryParseLabel(ReadOnlySpan<char> text, out float label);

    /// <summary>The fold (0 … <paramref name="folds"/> − 1) of every row; throws <see cref="CliException"/> saying how
    /// many rows the task needs when the table cannot give that many folds.</summary>
    public abstract int[] AssignFolds(CsvTable table, int folds, int seed);

    /// <summary>ML.NET's evaluator for the task on a scored view of the in-memory columns (<see cref="InMemoryViews"/>):
    /// one value per <see cref="Metrics"/> entry.</summary>
    public abstract double[] Evaluate(MLContext ml, IDataView scored);

    /// <summary>The label part of the report title: "212 positive", "label mean 35.82".</summary>
    public abstract string DescribeLabel(CsvTable table);

    /// <summary>The given rows, for a failure message: "40 rows (20 of class 0, 20 of class 1)".</summary>
    public abstract string DescribeRows(CsvTable table, IReadOnlyList<int> rows);

    /// <summary>The label summary of the JSON output ("positives": 212).</summary>
    public abstract void WriteLabelJson(Utf8JsonWriter writer, CsvTable table);

    /// <summary>A note on the metrics for the report title (empty when there is none).</summary>
    public virtual string MetricNote => string.Empty;
}
