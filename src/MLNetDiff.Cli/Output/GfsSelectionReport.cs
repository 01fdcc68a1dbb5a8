using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints <c>select gfs</c>'s result as text (the kept features, one per line with probability and logit) or one
/// JSON object: count, selected (names in input order), selectedIndices, and over all features names, probabilities
/// and logits.</summary>
internal static class GfsSelectionReport
{
    public static void Write(CliConsole console, bool json, GfsSelectionSummary s)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(s);
        IReadOnlyList<int> kept = s.Selector.SelectedIndices;
        IReadOnlyList<double> probabilities = s.Selector.Probabilities;
        IReadOnlyList<float> logits = s.Selector.Logits;
        IReadOnlyList<string> names = s.Table.FeatureColumns;
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("dataset", s.Table.Name);
                w.WriteString("task", s.Task.Name);
                w.WriteString("taskReason", s.TaskReason);
                w.WriteNumber("rows", s.Table.RowCount);
                w.WriteNumber("features", s.Table.FeatureCount);
                w.WriteNumber("count", kept.Count);
                w.WriteStartArray("selected");
                foreach (int i in kept)
                    w.WriteStringValue(names[i]);
                w.WriteEndArray();
                w.WriteStartArray("selectedIndices");
                foreach (int i in kept)
                    w.WriteNumberValue(i);
                w.WriteEndArray();
                w.WriteStartArray("featureNames");
                foreach (string name in names)
                    w.WriteStringValue(name);
                w.WriteEndArray();
                w.WriteStartArray("probabilities");
                foreach (double p in probabilities)
                    w.WriteNumberValue(p);
                w.WriteEndArray();
                w.WriteStartArray("logits");
                foreach (float l in logits)
                    w.WriteNumberValue(l);
                w.WriteEndArray();
                w.WriteNumber("probabilityCut", s.Settings.ProbabilityCut);
                w.WriteNumber("lambda", s.Settings.Lambda);
                w.WriteNumber("epochs", s.Settings.EpochCount);
                w.WriteNumber("batchSize", s.Settings.BatchRows);
                w.WriteString("rule", s.Settings.RuleName);
                w.WriteString("noise", s.Settings.NoiseName);
                w.WriteNumber("seed", s.Seed);
                w.WriteNumber("seconds", s.Seconds);
                if (s.ModelPath is null)
                    w.WriteNull("model");
                else
                    w.WriteString("model", s.ModelPath);
                if (s.PlotPath is null)
                    w.WriteNull("plot");
                else
                    w.WriteString("plot", s.PlotPath);
            });
            return;
        }
        var o = console.Out;
        o.WriteLine($"Task: {s.Task.Name} ({(s.TaskReason.StartsWith("given", StringComparison.Ordinal) ? s.TaskReason : "decided from the label: " + s.TaskReason)})");
        o.WriteLine($"GFSNetwork on {s.Table.Name}: {s.Table.RowCount} rows, {s.Table.FeatureCount} features; λ = " +
            $"{s.Settings.Lambda.ToString(CultureInfo.InvariantCulture)}, {s.Settings.EpochCount} epochs, batch {s.Settings.BatchRows}, " +
            $"rule {s.Settings.RuleName}, noise {s.Settings.NoiseName}, seed {s.Seed}; {Format.Seconds(s.Seconds)} s");
        o.WriteLine($"Kept {kept.Count} of {s.Table.FeatureCount} features (input order; p = mask probability, cut at p = " +
            $"{Format.Metric(s.Settings.ProbabilityCut)}):");
        TextTable.Write(o, ["feature", "p", "logit"],
            kept.Select(i => (IReadOnlyList<string>)[names[i], Format.Metric(probabilities[i]), Format.Metric(logits[i])]).ToArray());
        if (s.ModelPath is not null)
            o.WriteLine($"Model saved to {s.ModelPath}");
        if (s.PlotPath is not null)
            o.WriteLine($"Plot saved to {s.PlotPath}");
    }
}
