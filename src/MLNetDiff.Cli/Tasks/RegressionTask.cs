using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Regression: any finite number as the label, shuffled (seeded) folds, and ML.NET's <c>Regression.Evaluate</c>
/// (RMSE, MAE, R²) on the Single label.</summary>
internal sealed class RegressionTask : TaskDescriptor<RegressionMetrics>
{
    /// <summary>Fewest rows per fold: a fold of one row has no R².</summary>
    public const int MinRowsPerFold = 2;

    public static RegressionTask Instance { get; } = new();

    private static readonly ShuffledFolds Shuffled = new(MinRowsPerFold, ": a fold of one row has no R²");

    private RegressionTask()
        : base(
            (new("RMSE", "rootMeanSquaredError", false, "RMSE"), m => m.RootMeanSquaredError),
            (new("MAE", "meanAbsoluteError", false, "MAE"), m => m.MeanAbsoluteError),
            (new("RSquared", "rSquared", true, "R2"), m => m.RSquared))
    {
    }

    public override string Name => "regression";

    public override string ExpectedLabel => "a finite number (a regression target)";

    public override FoldScheme Folds => Shuffled;

    /// <summary>R², ML.NET AutoML's default regression metric.</summary>
    public override TaskMetric PrimaryMetric => Metrics[2];

    public override (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells) =>
        (CsvTableReader.ParseEach(file, column, cells, TryParseNumber, ExpectedLabel), []);

    /// <summary>Any finite number.</summary>
    internal static bool TryParseNumber(ReadOnlySpan<char> text, out float label) =>
        float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out label) && float.IsFinite(label);

    protected override RegressionMetrics RunEvaluator(MLContext ml, IDataView scored) =>
        ml.Regression.Evaluate(scored, labelColumnName: ColumnNames.Label);

    public override string DescribeLabel(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"label mean {Mean(table).ToString("0.####", CultureInfo.InvariantCulture)}";
    }

    public override void WriteLabelJson(Utf8JsonWriter writer, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("labelMean", Mean(table));
    }

    private static double Mean(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double sum = 0;
        foreach (float y in table.Labels)
            sum += y;
        return sum / table.RowCount;
    }
}
