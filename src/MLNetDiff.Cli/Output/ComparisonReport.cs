using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;
using Spectre.Console;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints a <see cref="ComparisonResult"/> of any task: JSON, a plain aligned table (one line per trainer) or a
/// Spectre table. Columns are the task's metrics, then TrainSeconds; a failed trainer has "failed" in every column and
/// its reason on a line after the table (and under "error" in JSON, its metrics null).</summary>
internal static class ComparisonReport
{
    /// <summary>Text in every metric cell of a trainer that failed.</summary>
    public const string FailedCell = "failed";

    public static void Write(CliConsole console, ComparisonResult result, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        if (json)
            WriteJson(console, result);
        else if (console.Interactive)
            WriteRichTable(console.Ansi, result);
        else
            WriteText(console, result);
    }

    private static string[] Headers(TaskDescriptor task) => ["trainer", .. task.Metrics.Select(m => m.Name), "TrainSeconds"];

    private static string Title(ComparisonResult r)
    {
        string anyLoss = r.AnyLoss is { } s ? $"; AnyLoss metric {MetricLabel(s)}" : string.Empty;
        return $"{r.Table.Name}: {r.Table.RowCount} rows, {r.Table.FeatureCount} features, {r.Task.DescribeLabel(r.Table)}{anyLoss}; " +
            $"{r.Folds}-fold {r.Task.FoldKind} CV, seed {r.Seed}; mean ± std over folds{r.Task.MetricNote}; primary metric {r.Task.PrimaryMetric.Name}";
    }

    private static string MetricLabel(AnyLossSettings s) =>
        s.Metric == BinaryMetric.FBeta ? $"FBeta (β = {s.Beta.ToString(CultureInfo.InvariantCulture)})" : s.Metric.ToString();

    private static string[] Cells(TaskDescriptor task, TrainerResult t)
    {
        if (t.Failed)
            return [t.Trainer, .. Enumerable.Repeat(FailedCell, task.Metrics.Count + 1)];
        return
        [
            t.Trainer,
            .. Enumerable.Range(0, task.Metrics.Count).Select(i => WithStd(Format.Metric, t.Metric(i))),
            WithStd(Format.Seconds, t.TrainSeconds),
        ];
    }

    private static string WithStd(Func<double, string> format, MeanStd value) => format(value.Mean) + " ± " + format(value.Std);

    private static IEnumerable<string> FailureLines(ComparisonResult r) =>
        r.Results.Where(t => t.Failed).Select(t => $"{t.Trainer} failed: {t.Failure}");

    private static void WriteText(CliConsole console, ComparisonResult result)
    {
        console.Out.WriteLine(Title(result));
        TextTable.Write(console.Out, Headers(result.Task),
            result.Results.Select(t => (IReadOnlyList<string>)Cells(result.Task, t)).ToArray());
        foreach (string line in FailureLines(result))
            console.Out.WriteLine(line);
    }

    /// <summary>A table as wide as the terminal (<see cref="ComparisonTableLayout"/>); no cell wraps.</summary>
    private static void WriteRichTable(IAnsiConsole ansi, ComparisonResult result)
    {
        ansi.WriteLine(Title(result));
        TaskDescriptor task = result.Task;
        (string, string)[]?[] cells = result.Results.Select(t => t.Failed ? null
            : Enumerable.Range(0, task.Metrics.Count).Select(i => (Format.Metric(t.Metric(i).Mean), Format.Metric(t.Metric(i).Std)))
                .Append((Format.Seconds(t.TrainSeconds.Mean), Format.Seconds(t.TrainSeconds.Std))).ToArray()).ToArray();
        ComparisonTableLayout layout = ComparisonTableLayout.Fit(result.Results.Select(t => t.Trainer).ToArray(),
            [.. task.Metrics.Select(m => m.Name), "TrainSeconds"], [.. task.Metrics.Select(m => m.ShortName), "Seconds"],
            cells, FailedCell, ansi.Profile.Width);
        var table = new Table();
        for (int c = 0; c < layout.Headers.Length; c++)
        {
            var column = new TableColumn(Markup.Escape(layout.Headers[c])) { Alignment = c == 0 ? Justify.Left : Justify.Right };
            table.AddColumn(column.NoWrap());
        }
        foreach (string[] row in layout.Rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        ansi.Write(table);
        if (!layout.StdShown)
            ansi.WriteLine("(means only, to fit the terminal; --json or a wider terminal shows the standard deviations)");
        foreach (string line in FailureLines(result))
            ansi.WriteLine(line);
    }

    private static void WriteJson(CliConsole console, ComparisonResult result) => JsonOutput.Write(console.Out, w =>
    {
        w.WriteString("dataset", result.Table.Name);
        w.WriteString("task", result.Task.Name);
        if (result.AnyLoss is { } s)
        {
            w.WriteString("metric", s.Metric.ToString());
            if (s.Metric == BinaryMetric.FBeta)
                w.WriteNumber("beta", s.Beta);
        }
        w.WriteString("primaryMetric", result.Task.PrimaryMetric.JsonName);
        w.WriteString("foldKind", result.Task.FoldKind);
        w.WriteNumber("folds", result.Folds);
        w.WriteNumber("seed", result.Seed);
        w.WriteNumber("rows", result.Table.RowCount);
        w.WriteNumber("features", result.Table.FeatureCount);
        result.Task.WriteLabelJson(w, result.Table);
        w.WriteStartArray("results");
        foreach (TrainerResult t in result.Results)
        {
            w.WriteStartObject();
            w.WriteString("trainer", t.Trainer);
            w.WriteBoolean("failed", t.Failed);
            if (t.Failure is null)
                w.WriteNull("error");
            else
                w.WriteString("error", t.Failure);
            WriteMetrics(w, result.Task, t, std: false);
            w.WriteStartObject("std");
            WriteMetrics(w, result.Task, t, std: true);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void WriteMetrics(Utf8JsonWriter w, TaskDescriptor task, TrainerResult t, bool std)
    {
        double Pick(MeanStd m) => std ? m.Std : m.Mean;
        for (int i = 0; i < task.Metrics.Count; i++)
            w.WriteNumberOrNull(task.Metrics[i].JsonName, Pick(t.Metric(i)));
        w.WriteNumberOrNull("trainSeconds", Pick(t.TrainSeconds));
    }
}
