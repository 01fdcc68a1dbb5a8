using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Regression: any finite number as the label, shuffled (seeded) folds, and ML.NET's <c>Regression.Evaluate</c>
/// (RMSE, MAE, R²) on the Single label.</summary>
internal sealed class RegressionTask : TaskDescriptor
{
    /// <summary>Fewest rows per fold: a fold of one row has no R².</summary>
    public const int MinRowsPerFold = 2;

    public static RegressionTask Instance { get; } = new();

    private static readonly TaskMetric[] MetricList =
    [
        new("RMSE", "rootMeanSquaredError", false, "RMSE"),
        new("MAE", "meanAbsoluteError", false, "MAE"),
        new("RSquared", "rSquared", true, "R2"),
    ];

    private RegressionTask()
    {
    }

    public override string Name => "regression";

    public override string ExpectedLabel => "a finite number (a regression target)";

    public override string FoldKind => "shuffled";

    public override IReadOnlyList<TaskMetric> Metrics => MetricList;

    public override bool TryParseLabel(ReadOnlySpan<char> text, out float label) =>
        float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out label) && float.IsFinite(label);

    public override int[] AssignFolds(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount < MinRowsPerFold * folds)
        {
            throw new CliException(
                $"'{table.Name}' has {table.RowCount} rows; {folds}-fold cross-validation needs at least {MinRowsPerFold * folds} ({MinRowsPerFold} per fold).");
        }
        return ShuffledKFold.Assign(table.RowCount, folds, seed);
    }

    public override double[] Evaluate(MLContext ml, IDataView scored)
    {
        ArgumentNullException.ThrowIfNull(ml);
        RegressionMetrics m = ml.Regression.Evaluate(scored, labelColumnName: ColumnNames.Label);
        return [m.RootMeanSquaredError, m.MeanAbsoluteError, m.RSquared];
    }

    public override string DescribeLabel(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"label mean {Mean(table).ToString("0.####", CultureInfo.InvariantCulture)}";
    }

    public override string DescribeRows(CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return $"{rows.Count} rows";
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
