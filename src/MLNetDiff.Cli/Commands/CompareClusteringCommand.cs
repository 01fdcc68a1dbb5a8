using System;
using System.CommandLine;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare clustering</c>: ML.NET's KMeans over shuffled folds (fit on the training folds, the test
/// fold assigned to the nearest centroid), scored by ML.NET's clustering evaluator; NMI only with a label.</summary>
internal static class CompareClusteringCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        data.Description = "CSV file: a header row, numeric feature columns, and optionally a label column (--label).";
        Option<string?> label = CliOptions.OptionalLabel();
        Option<int?> clusters = CliOptions.Clusters();
        Option<int> folds = CliOptions.Folds();
        folds.Description = "Number of folds (≥ 2).";
        Option<int> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();

        var command = new Command("clustering",
            "Shuffled k-fold comparison of ML.NET's KMeans (k = --clusters): fitted on the training folds, the test fold assigned " +
            "to its nearest centroid. Prints the mean ± std over folds of AverageDistance and DaviesBouldinIndex, and with " +
            "--label NMI (ML.NET's clustering evaluator), and training seconds.");
        foreach (Option option in new Option[] { data, label, clusters, folds, seed, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
        {
            string? labelColumn = parse.GetValue(label);
            int? k = parse.GetValue(clusters);
            int foldCount = parse.GetValue(folds);
            if (labelColumn is null && k is null)
                throw new CliException("--clusters is required without --label (with a label, k defaults to its number of classes).");
            return CompareCommand.Execute(console, ClusteringTask.For(labelColumn is not null), parse.GetValue(data)!, labelColumn,
                groupColumn: null, table => MlNetClusteringBaselines.All(ClusterCount(table, k, foldCount)), foldCount,
                parse.GetValue(seed), parse.GetValue(json), anyLoss: null);
        }));
        return command;
    }

    /// <summary>k: the given one, or the label's number of classes; at most the rows of the smallest training part
    /// (KMeans cannot place more centroids than it has rows). <paramref name="folds"/> 1: training on every row.</summary>
    internal static int ClusterCount(CsvTable table, int? clusters, int folds)
    {
        ArgumentNullException.ThrowIfNull(table);
        int k = clusters ?? table.ClassNames.Count;
        if (k < 2)
        {
            throw new CliException($"Label column '{table.LabelColumn}' of '{table.Name}' holds {table.ClassNames.Count} class(es); " +
                "give --clusters (at least 2).");
        }
        // Shuffled folds differ by at most one row, so the smallest training part has rows − ⌈rows / folds⌉ rows.
        int smallestTraining = folds > 1 ? table.RowCount - (table.RowCount + folds - 1) / folds : table.RowCount;
        if (k > smallestTraining)
        {
            throw new CliException(folds > 1
                ? $"--clusters {k} is more than the {smallestTraining} rows each of the {folds} training parts of '{table.Name}' " +
                    $"({table.RowCount} rows) has; KMeans needs at least one row per cluster."
                : $"--clusters {k} is more than the {table.RowCount} rows of '{table.Name}'; KMeans needs at least one row per cluster.");
        }
        return k;
    }
}
