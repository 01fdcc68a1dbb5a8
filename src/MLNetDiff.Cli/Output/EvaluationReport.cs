using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints an <see cref="EvaluationResult"/>: JSON, plain text or Spectre tables.</summary>
internal static class EvaluationReport
{
    public static void Write(CliConsole console, EvaluationResult r, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        if (json)
        {
            WriteJson(console, r);
            return;
        }
        string title = $"{r.Model} on {r.Dataset}: {r.Rows} rows, {r.Positives} positive (decision: {r.Decision})";
        (string Name, string Value)[] metrics = Metrics(r);
        string[][] matrix =
        [
            ["actual 1", Format.Integer((long)r.Counts.TruePositives), Format.Integer((long)r.Counts.FalseNegatives)],
            ["actual 0", Format.Integer((long)r.Counts.FalsePositives), Format.Integer((long)r.Counts.TrueNegatives)],
        ];
        string[] matrixHeaders = ["", "predicted 1", "predicted 0"];
        if (console.Interactive)
        {
            IAnsiConsole ansi = console.Ansi;
            ansi.WriteLine(title);
            ansi.WriteLine(TaskLine(r.TaskReason));
            var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value") { Alignment = Justify.Right });
            foreach ((string name, string value) in metrics)
                table.AddRow(Markup.Escape(name), value);
            ansi.Write(table);
            ansi.WriteLine("Confusion matrix (rows: actual, columns: predicted)");
            var confusion = new Table();
            foreach (string header in matrixHeaders)
                confusion.AddColumn(new TableColumn(header) { Alignment = header.Length == 0 ? Justify.Left : Justify.Right });
            foreach (string[] row in matrix)
                confusion.AddRow(row);
            ansi.Write(confusion);
            return;
        }
        console.Out.WriteLine(title);
        console.Out.WriteLine(TaskLine(r.TaskReason));
        TextTable.Write(console.Out, ["metric", "value"], metrics.Select(m => (IReadOnlyList<string>)[m.Name, m.Value]).ToArray());
        console.Out.WriteLine();
        console.Out.WriteLine("Confusion matrix (rows: actual, columns: predicted)");
        TextTable.Write(console.Out, matrixHeaders, matrix);
    }

    /// <summary>"Task: binary (decided from the model's output: …)".</summary>
    internal static string TaskLine(string task, string reason) => $"Task: {task} (decided from the model's output: {reason})";

    private static string TaskLine(string reason) => TaskLine("binary", reason);

    private static (string Name, string Value)[] Metrics(EvaluationResult r) =>
    [
        ("F1", Format.Metric(r.Counts.F1)),
        ("BalancedAccuracy", Format.Metric(r.Counts.BalancedAccuracy)),
        ("GMean", Format.Metric(r.Counts.GMean)),
        ("AUC", Format.Metric(r.Auc)),
        ("Accuracy", Format.Metric(r.Counts.Accuracy)),
        ("Precision", Format.Metric(r.Counts.Precision)),
        ("Recall", Format.Metric(r.Counts.Recall)),
        ("MCC", Format.Metric(r.Counts.Mcc)),
    ];

    private static void WriteJson(CliConsole console, EvaluationResult r) => JsonOutput.Write(console.Out, w =>
    {
        w.WriteString("model", r.Model);
        w.WriteString("dataset", r.Dataset);
        w.WriteString("task", "binary");
        w.WriteString("taskReason", r.TaskReason);
        w.WriteNumber("rows", r.Rows);
        w.WriteNumber("positives", r.Positives);
        w.WriteString("decision", r.Decision);
        w.WriteNumberOrNull("f1", r.Counts.F1);
        w.WriteNumberOrNull("balancedAccuracy", r.Counts.BalancedAccuracy);
        w.WriteNumberOrNull("gMean", r.Counts.GMean);
        w.WriteNumberOrNull("auc", r.Auc);
        w.WriteNumberOrNull("accuracy", r.Counts.Accuracy);
        w.WriteNumberOrNull("precision", r.Counts.Precision);
        w.WriteNumberOrNull("recall", r.Counts.Recall);
        w.WriteNumberOrNull("mcc", r.Counts.Mcc);
        w.WriteStartObject("confusionMatrix");
        w.WriteNumber("truePositives", r.Counts.TruePositives);
        w.WriteNumber("falsePositives", r.Counts.FalsePositives);
        w.WriteNumber("trueNegatives", r.Counts.TrueNegatives);
        w.WriteNumber("falseNegatives", r.Counts.FalseNegatives);
        w.WriteEndObject();
    });
}
