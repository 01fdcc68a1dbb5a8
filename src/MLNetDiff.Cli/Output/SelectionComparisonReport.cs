using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints <c>compare select</c>'s rows: one JSON object (the shape build/quality's GFS script reads: dataset,
/// task, rows, features, folds, seed, metric, results[selector, downstream, mean, std, keptMean, keptMin, keptMax,
/// selectionSeconds, failed]) or a plain aligned table with the failure reasons after it.</summary>
internal static class SelectionComparisonReport
{
    public static void Write(CliConsole console, bool json, CsvTable table, TaskDescriptor task, string taskReason, GfsSettings settings,
        int folds, int seed, IReadOnlyList<SelectionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rows);
        string metric = SelectionTasks.Metric(task).Name;
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("dataset", table.Name);
                w.WriteString("task", task.Name);
                w.WriteString("taskReason", taskReason);
                w.WriteNumber("rows", table.RowCount);
                w.WriteNumber("features", table.FeatureCount);
                w.WriteNumber("folds", folds);
                w.WriteString("foldKind", task.FoldKind);
                w.WriteNumber("seed", seed);
                w.WriteString("metric", metric);
                w.WriteStartObject("gfs");
                w.WriteNumber("lambda", settings.Lambda);
                w.WriteNumber("epochs", settings.EpochCount);
                w.WriteNumber("batchSize", settings.BatchRows);
                w.WriteNumber("minFeatures", settings.MinFeatures);
                if (settings.MaxFeatures is int max)
                    w.WriteNumber("maxFeatures", max);
                else
                    w.WriteNull("maxFeatures");
                w.WriteString("rule", settings.RuleName);
                w.WriteString("noise", settings.NoiseName);
                w.WriteEndObject();
                w.WriteStartArray("results");
                foreach (SelectionRow row in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("selector", row.Selector);
                    w.WriteString("downstream", row.Downstream);
                    w.WriteNumberOrNull("mean", row.Metric.Mean);
                    w.WriteNumberOrNull("std", row.Metric.Std);
                    w.WriteNumberOrNull("keptMean", row.Kept.Mean);
                    if (row.Failed)
                    {
                        w.WriteNull("keptMin");
                        w.WriteNull("keptMax");
                    }
                    else
                    {
                        w.WriteNumber("keptMin", row.KeptMin);
                        w.WriteNumber("keptMax", row.KeptMax);
                    }
                    w.WriteNumberOrNull("selectionSeconds", row.SelectionSeconds);
                    if (row.Failure is null)
                        w.WriteNull("failed");
                    else
                        w.WriteString("failed", row.Failure);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
            return;
        }
        var o = console.Out;
        string note = task is MulticlassTask ? " (macro accuracy: the mean of per-class recalls)" : string.Empty;
        o.WriteLine($"{table.Name}: {table.RowCount} rows, {table.FeatureCount} features, task {task.Name} ({taskReason}); {folds}-fold " +
            $"{task.FoldKind} CV, seed {seed}; selection fitted on each training fold; {metric}{note} mean ± std over folds; GFS λ = " +
            $"{settings.Lambda.ToString(CultureInfo.InvariantCulture)}, {settings.EpochCount} epochs, rule {settings.RuleName}");
        const string Failed = "failed";
        TextTable.Write(o, ["selector", "downstream", metric, "kept", "SelectionSeconds"], rows.Select(r => (IReadOnlyList<string>)(r.Failed
            ? [r.Selector, r.Downstream, Failed, Failed, Failed]
            : [r.Selector, r.Downstream, Format.MetricWithStd(r.Metric), Kept(r), Format.Seconds(r.SelectionSeconds)])).ToArray());
        foreach (SelectionRow r in rows.Where(r => r.Failed))
            o.WriteLine($"{r.Selector} + {r.Downstream} failed: {r.Failure}");
    }

    /// <summary>"8.4 [6–11]": the mean kept count over folds and its range.</summary>
    private static string Kept(SelectionRow r) =>
        $"{r.Kept.Mean.ToString("0.#", CultureInfo.InvariantCulture)} [{Format.Integer(r.KeptMin)}–{Format.Integer(r.KeptMax)}]";
}
