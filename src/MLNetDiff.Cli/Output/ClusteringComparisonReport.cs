using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.ClusteringComparison;
using Spectre.Console;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints <c>compare clustering</c>'s result: one JSON object (top level dataset, rows, features, k, seed, seeds;
/// <c>results</c>: per trainer the means over seeds as trainer, nmi, ari, acc, silhouette, daviesBouldin, seconds, the
/// external three only with a label, plus error for a failed trainer; <c>runs</c>: the same per seed), a plain table or
/// a Spectre table on a terminal.</summary>
internal static class ClusteringComparisonReport
{
    public static void Write(CliConsole console, ClusteringComparisonResult result, bool json, IReadOnlyList<string> pictures)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        if (json)
        {
            WriteJson(console, result, pictures);
            return;
        }
        bool labelled = result.Data.Labels is not null;
        string[] headers = labelled
            ? ["trainer", "NMI", "ARI", "ACC", "Silhouette", "DaviesBouldin", "Seconds"]
            : ["trainer", "Silhouette", "DaviesBouldin", "Seconds"];
        string[][] rows = result.Trainers.Select(t => Cells(t, labelled, headers.Length)).ToArray();
        string[] notes =
        [
            .. result.Trainers.Where(t => t.Error is not null).Select(t => $"{t.Trainer} failed: {t.Error}"),
            .. result.Trainers.Where(t => t.Mean is { } m && m.ClustersFound < result.Clusters)
                .Select(t => $"{t.Trainer} left clusters empty: {t.Mean!.ClustersFound} of {result.Clusters} used (fewest over the seeds)"),
            .. pictures.Select(p => $"Picture written to {p}"),
        ];
        if (console.Interactive)
        {
            IAnsiConsole ansi = console.Ansi;
            ansi.WriteLine(Title(result));
            var table = new Table();
            for (int c = 0; c < headers.Length; c++)
                table.AddColumn(new TableColumn(Markup.Escape(headers[c])) { Alignment = c == 0 ? Justify.Left : Justify.Right }.NoWrap());
            foreach (string[] row in rows)
                table.AddRow(row.Select(Markup.Escape).ToArray());
            ansi.Write(table);
            foreach (string note in notes)
                ansi.WriteLine(note);
            return;
        }
        console.Out.WriteLine(Title(result));
        TextTable.Write(console.Out, headers, rows);
        foreach (string note in notes)
            console.Out.WriteLine(note);
    }

    private static string Title(ClusteringComparisonResult r)
    {
        ClusteringData d = r.Data;
        string label = d.Table.HasLabel ? $"label '{d.Table.LabelColumn}' ({d.Table.ClassNames.Count} classes, never used to fit)" : "no label";
        string seeds = r.Seeds.Count == 1 ? $"seed {r.Seeds[0]}" : $"mean over seeds {r.Seeds[0]}..{r.Seeds[^1]}";
        string sample = r.SilhouetteSample is { } m && m < d.Rows ? $", silhouette on a sample of {m} rows" : string.Empty;
        string space = d.ZScored ? "z-scored" : "as in the CSV";
        return $"{d.Table.Name}: {d.Rows} rows, {d.Dimension} features ({space}; metrics in that space), k = {r.Clusters}, {label}; " +
            $"fitted on all rows, {seeds}{sample}";
    }

    private static string[] Cells(ClusteringComparisonResult.TrainerSummary t, bool labelled, int columns)
    {
        if (t.Mean is not { } m)
            return [t.Trainer, .. Enumerable.Repeat(ComparisonReport.FailedCell, columns - 1)];
        return labelled
            ? [t.Trainer, Format.Metric(m.Nmi), Format.Metric(m.Ari), Format.Metric(m.Acc), Format.Metric(m.Silhouette),
                Format.Metric(m.DaviesBouldin), Format.Seconds(m.Seconds)]
            : [t.Trainer, Format.Metric(m.Silhouette), Format.Metric(m.DaviesBouldin), Format.Seconds(m.Seconds)];
    }

    private static void WriteJson(CliConsole console, ClusteringComparisonResult r, IReadOnlyList<string> pictures) =>
        JsonOutput.Write(console.Out, w =>
        {
            ClusteringData d = r.Data;
            bool labelled = d.Labels is not null;
            w.WriteString("dataset", d.Table.Name);
            w.WriteNumber("rows", d.Rows);
            w.WriteNumber("features", d.Dimension);
            w.WriteNumber("k", r.Clusters);
            w.WriteString("normalize", d.ZScored ? "zscore" : "none");
            w.WriteNumber("seed", r.Seeds[0]);
            w.WriteStartArray("seeds");
            foreach (int s in r.Seeds)
                w.WriteNumberValue(s);
            w.WriteEndArray();
            if (labelled)
                w.WriteString("label", d.Table.LabelColumn);
            else
                w.WriteNull("label");
            w.WriteStartArray("results");
            foreach (ClusteringComparisonResult.TrainerSummary t in r.Trainers)
            {
                w.WriteStartObject();
                w.WriteString("trainer", t.Trainer);
                WriteScores(w, t.Mean, labelled);
                if (t.Error is not null)
                    w.WriteString("error", t.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (ClusteringRun run in r.Runs)
            {
                w.WriteStartObject();
                w.WriteString("trainer", run.Trainer);
                w.WriteNumber("seed", run.Seed);
                WriteScores(w, run.Scores, labelled);
                if (run.Scores is { } s)
                    w.WriteNumber("clustersFound", s.ClustersFound);
                if (run.Error is not null)
                    w.WriteString("error", run.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("pictures");
            foreach (string p in pictures)
                w.WriteStringValue(p);
            w.WriteEndArray();
        });

    private static void WriteScores(Utf8JsonWriter w, ClusteringScores? s, bool labelled)
    {
        double Pick(Func<ClusteringScores, double> f) => s is null ? double.NaN : f(s);
        if (labelled)
        {
            w.WriteNumberOrNull("nmi", Pick(x => x.Nmi));
            w.WriteNumberOrNull("ari", Pick(x => x.Ari));
            w.WriteNumberOrNull("acc", Pick(x => x.Acc));
        }
        w.WriteNumberOrNull("silhouette", Pick(x => x.Silhouette));
        w.WriteNumberOrNull("daviesBouldin", Pick(x => x.DaviesBouldin));
        w.WriteNumberOrNull("seconds", Pick(x => x.Seconds));
    }
}
