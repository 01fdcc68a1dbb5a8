using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Multiclass classification: any non-empty label (a number or a name) is a class, turned into an ML.NET key by
/// MapValueToKey; stratified folds; ML.NET's <c>MulticlassClassification.Evaluate</c> (micro and macro accuracy, log-loss,
/// log-loss reduction) on the key label.</summary>
internal sealed class MulticlassTask : TaskDescriptor<MulticlassClassificationMetrics>
{
    public static MulticlassTask Instance { get; } = new();

    private MulticlassTask()
        : base(
            (new("MicroAccuracy", "microAccuracy", true, "MicroAcc"), m => m.MicroAccuracy),
            (new("MacroAccuracy", "macroAccuracy", true, "MacroAcc"), m => m.MacroAccuracy),
            (new("LogLoss", "logLoss", false, "LogLoss"), m => m.LogLoss),
            (new("LogLossReduction", "logLossReduction", true, "LLR"), m => m.LogLossReduction))
    {
    }

    public override string Name => "multiclass";

    public override string ExpectedLabel => "a class: any non-empty value (a number or a name)";

    public override FoldScheme Folds => StratifiedFolds.Instance;

    /// <summary>MicroAccuracy, ML.NET AutoML's default multiclass metric.</summary>
    public override TaskMetric PrimaryMetric => Metrics[0];

    public override (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells) =>
        ClassLabels.Read(file, column, cells, ExpectedLabel);

    /// <summary>A column of (nearly) unique values is a measurement, not a class: a classifier cannot learn a class it
    /// sees once, and the folds would leave most classes out of training. (Evaluation data may be small; only training
    /// data is checked.)</summary>
    public override void CheckTrainingData(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] counts = table.ClassCounts();
        int singletons = counts.Count(n => n == 1);
        if (singletons > table.RowCount / 2)
        {
            throw new CliException($"Label column '{table.LabelColumn}' of '{table.Name}' has {counts.Length} distinct values in {table.RowCount} rows " +
                $"({singletons} of them on one row only); a multiclass label names a class shared by many rows. Is it a " +
                "regression target ('compare regression')?");
        }
    }

    public override IDataView WithTaskColumns(MLContext ml, CsvTable table, IDataView view)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ClassLabels.WithLabelKey(ml, view, table.ClassNames);
    }

    /// <summary>Maps the CSV's labels to the classes of the model (the key values of its PredictedLabel), so that key i
    /// means the same class to the label and to the model's Score slot i − 1.</summary>
    public override IDataView WithEvaluationColumns(MLContext ml, CsvTable table, IDataView scored, DataViewSchema modelOutput)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(modelOutput);
        IReadOnlyList<string> modelClasses = ModelClasses.Of(modelOutput)
            ?? throw new CliException("The multiclass model's PredictedLabel has no class names (key values), so the CSV's labels cannot be matched to its classes.");
        string[] unknown = table.ClassNames.Where(c => !modelClasses.Contains(c, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw new CliException($"Label column '{table.LabelColumn}' of '{table.Name}' holds {string.Join(", ", unknown.Take(5).Select(c => $"'{c}'"))}, " +
                $"which the model does not know; its classes are {string.Join(", ", modelClasses.Take(20).Select(c => $"'{c}'"))}.");
        }
        return ClassLabels.WithLabelKey(ml, scored, modelClasses);
    }

    protected override MulticlassClassificationMetrics RunEvaluator(MLContext ml, IDataView scored) =>
        ml.MulticlassClassification.Evaluate(scored, labelColumnName: ColumnNames.LabelKey, scoreColumnName: ColumnNames.Score,
            predictedLabelColumnName: ColumnNames.PredictedLabel);

    public override string DescribeLabel(CsvTable table) => ClassLabels.Describe(table);

    public override string DescribeRows(CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return $"{rows.Count} rows, {ClassLabels.Describe(table, rows)}";
    }

    public override void WriteLabelJson(Utf8JsonWriter writer, CsvTable table) => ClassLabels.WriteJson(writer, table);

    public override IEnumerable<string> Warnings(CsvTable table, int folds) => ClassLabels.RareClassWarnings(table, folds);
}
