using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Binary classification: labels 0/1 or false/true, stratified folds, and ML.NET's
/// <c>BinaryClassification.EvaluateNonCalibrated</c> (F1, balanced accuracy and G-mean from its positive and negative
/// recall, AUC, accuracy) on the Boolean label.</summary>
internal sealed class BinaryTask : TaskDescriptor
{
    public static BinaryTask Instance { get; } = new();

    private static readonly TaskMetric[] MetricList =
    [
        new("F1", "f1", true, "F1"),
        new("BalancedAccuracy", "balancedAccuracy", true, "BalAcc"),
        new("GMean", "gMean", true, "GMean"),
        new("AUC", "auc", true, "AUC"),
        new("Accuracy", "accuracy", true, "Acc"),
    ];

    private BinaryTask()
    {
    }

    public override string Name => "binary";

    public override string ExpectedLabel => "0/1 or false/true (a binary label)";

    public override string FoldKind => "stratified";

    public override IReadOnlyList<TaskMetric> Metrics => MetricList;

    public override string MetricNote => " (hard metrics from PredictedLabel: Score > 0 for every trainer here)";

    public override bool TryParseLabel(ReadOnlySpan<char> text, out float label) => CsvTableReader.TryParseLabel(text, out label);

    public override int[] AssignFolds(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.RequireBothClasses(folds, $"{folds}-fold stratified cross-validation");
        return StratifiedKFold.Assign(table.Labels, folds, seed);
    }

    public override double[] Evaluate(MLContext ml, IDataView scored)
    {
        ArgumentNullException.ThrowIfNull(ml);
        // Non-calibrated: AnyLoss writes no Probability column; the calibrated baselines' probabilities are not needed.
        BinaryClassificationMetrics m = ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumnName: ColumnNames.LabelBool);
        double tpr = m.PositiveRecall, tnr = m.NegativeRecall;
        return [m.F1Score, 0.5 * (tpr + tnr), Math.Sqrt(tpr * tnr), m.AreaUnderRocCurve, m.Accuracy];
    }

    public override string DescribeLabel(CsvTable table) => $"{table.Positives} positive";

    public override string DescribeRows(CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        int positives = rows.Count(r => table.Labels[r] > 0.5f);
        return $"{rows.Count} rows ({rows.Count - positives} of class 0, {positives} of class 1)";
    }

    public override void WriteLabelJson(Utf8JsonWriter writer, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("positives", table.Positives);
    }
}
