using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints a <see cref="TaskEvaluationResult"/>: JSON, plain text or a Spectre table of the task's metrics.</summary>
internal static class TaskEvaluationReport
{
    public static void Write(CliConsole console, TaskEvaluationResult r, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("model", r.Model);
                w.WriteString("dataset", r.Table.Name);
                w.WriteString("task", r.Task.Name);
                w.WriteString("taskReason", r.TaskReason);
                w.WriteNumber("rows", r.Table.RowCount);
                w.WriteNumber("features", r.Table.FeatureCount);
                r.Task.WriteLabelJson(w, r.Table);
                w.WriteString("primaryMetric", r.Task.PrimaryMetric.JsonName);
                for (int i = 0; i < r.Task.Metrics.Count; i++)
                    w.WriteNumberOrNull(r.Task.Metrics[i].JsonName, r.Metrics[i]);
            });
            return;
        }
        string title = $"{r.Model} on {r.Table.Name}: {r.Table.RowCount} rows, {r.Table.FeatureCount} features, {r.Task.DescribeLabel(r.Table)}";
        string task = EvaluationReport.TaskLine(r.Task.Name, r.TaskReason);
        (string Name, string Value)[] metrics = r.Task.Metrics.Select((m, i) => (m.Name, Format.Metric(r.Metrics[i]))).ToArray();
        if (console.Interactive)
        {
            IAnsiConsole ansi = console.Ansi;
            ansi.WriteLine(title);
            ansi.WriteLine(task);
            var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value") { Alignment = Justify.Right });
            foreach ((string name, string value) in metrics)
                table.AddRow(Markup.Escape(name), value);
            ansi.Write(table);
            return;
        }
        console.Out.WriteLine(title);
        console.Out.WriteLine(task);
        TextTable.Write(console.Out, ["metric", "value"], metrics.Select(m => (IReadOnlyList<string>)[m.Name, m.Value]).ToArray());
    }
}
