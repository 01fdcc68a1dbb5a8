using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Binary classification: labels 0/1 or false/true, stratified folds (every fold keeps the positive rate), and
/// ML.NET's <c>BinaryClassification.EvaluateNonCalibrated</c> (F1, balanced accuracy and G-mean from its positive and
/// negative recall, AUC, accuracy) on the Boolean label.</summary>
internal sealed class BinaryTask : TaskDescriptor<BinaryClassificationMetrics>
{
    public static BinaryTask Instance { get; } = new();

    private BinaryTask()
        : base(
            (new("F1", "f1", true, "F1"), m => m.F1Score),
            (new("BalancedAccuracy", "balancedAccuracy", true, "BalAcc"), m => 0.5 * (m.PositiveRecall + m.NegativeRecall)),
            (new("GMean", "gMean", true, "GMean"), m => Math.Sqrt(m.PositiveRecall * m.NegativeRecall)),
            (new("AUC", "auc", true, "AUC"), m => m.AreaUnderRocCurve),
            (new("Accuracy", "accuracy", true, "Acc"), m => m.Accuracy))
    {
    }

    public override string Name => "binary";

    public override string ExpectedLabel => "0/1 or false/true (a binary label)";

    public override FoldScheme Folds => BinaryFolds.Instance;

    public override string MetricNote => " (hard metrics from PredictedLabel: Score > 0 for every trainer here)";

    public override (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells) =>
        (CsvTableReader.ParseEach(file, column, cells, CsvTableReader.TryParseLabel, ExpectedLabel), []);

    // Non-calibrated: AnyLoss writes no Probability column; the calibrated baselines' probabilities are not needed.
    protected override BinaryClassificationMetrics RunEvaluator(MLContext ml, IDataView scored) =>
        ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumnName: ColumnNames.LabelBool);

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
        ArgumentNullException.ThrowIfNull(table);
        writer.WriteNumber("positives", table.Positives);
    }
}
