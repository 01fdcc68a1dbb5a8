using System;
using System.Linq;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints the summary of <c>train baseline</c> as text or one JSON object.</summary>
internal static class TrainBaselineReport
{
    public static void Write(CliConsole console, bool json, TrainBaselineSummary s)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(s);
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("model", s.ModelPath);
                w.WriteString("dataset", s.Table.Name);
                w.WriteString("task", s.Task.Name);
                w.WriteString("trainer", s.Trainer);
                if (s.Clusters > 0)
                    w.WriteNumber("clusters", s.Clusters);
                w.WriteNumber("rows", s.Table.RowCount);
                w.WriteNumber("features", s.Table.FeatureCount);
                s.Task.WriteLabelJson(w, s.Table);
                w.WriteString("primaryMetric", s.Task.PrimaryMetric.JsonName);
                w.WriteStartObject("training");
                for (int i = 0; i < s.Task.Metrics.Count; i++)
                    w.WriteNumberOrNull(s.Task.Metrics[i].JsonName, s.TrainingMetrics[i]);
                w.WriteEndObject();
                w.WriteNumber("seconds", s.Seconds);
            });
            return;
        }
        var o = console.Out;
        string k = s.Clusters > 0 ? $", k = {s.Clusters}" : string.Empty;
        o.WriteLine($"Trained {s.Trainer} ({s.Task.Name}{k}) on {s.Table.Name}: {s.Table.RowCount} rows, {s.Table.FeatureCount} features, {s.Task.DescribeLabel(s.Table)}.");
        o.WriteLine("Training " + string.Join(", ", s.Task.Metrics.Select((m, i) => $"{m.Name}: {Format.Metric(s.TrainingMetrics[i])}")));
        o.WriteLine($"Training time: {Format.Seconds(s.Seconds)} s");
        o.WriteLine($"Model saved to {s.ModelPath}");
    }
}
