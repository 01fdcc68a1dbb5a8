using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using MLNetDiff.Cli.ClusteringComparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tasks;
using Spectre.Console;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare clustering</c>: every trainer of <see cref="ClusteringTrainers"/> fitted on all rows of
/// the same z-scored features with k clusters, for one or more seeds; scored by NMI, ARI and accuracy against the label
/// (if given; it is never used to fit) and by silhouette and Davies–Bouldin in the z-scored space.</summary>
internal static class CompareClusteringCommand
{
    /// <summary>Largest --seeds.</summary>
    public const int MaxSeeds = 100;

    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        data.Description = "CSV file: a header row, numeric feature columns, and optionally a label column (--label).";
        Option<string?> label = CliOptions.OptionalLabel();
        label.Description = "Name of a label column (optional): left out of the features and never used to fit; its classes " +
            "give the default --k, and NMI, ARI and ACC are computed against it.";
        Option<int?> k = CliOptions.Clusters();
        k.Aliases.Add("--k");
        k.Description = "Number of clusters k (≥ 2). Default: the number of classes of --label; required without a label.";
        Option<int> seed = CliOptions.Seed();
        seed.Description = "Random seed of the trainers (the first one with --seeds).";
        Option<int> seeds = new("--seeds")
        {
            Description = $"Run each trainer with this many seeds (--seed, --seed + 1, …) and report the means, in [1, {MaxSeeds}].",
            HelpName = "n",
            DefaultValueFactory = _ => 1,
            CustomParser = r => r.Tokens.Count == 0 ? 1 : CliOptions.ParseInt(r, "--seeds", 1, MaxSeeds),
        };
        Option<string?> ignore = new("--ignore")
        {
            Description = "Comma-separated columns that are not features (ids, text); they are not read.",
            HelpName = "c1,c2",
        };
        Option<int?> silhouetteSample = new("--silhouette-sample")
        {
            Description = "Compute the silhouette on this many rows drawn with the run's seed (scikit-learn's sample_size) instead " +
                "of exactly on all rows (O(n²)). Default: exact.",
            HelpName = "rows",
            CustomParser = r => r.Tokens.Count == 0 ? null : CliOptions.ParseInt(r, "--silhouette-sample", 2, int.MaxValue),
        };
        Option<string?> plot = new("--plot")
        {
            Description = "PNG to write (overwritten): the rows on their two principal axes coloured by cluster, prototypes marked; " +
                "for image data (64 or 784 features, or --image-width) also <name>-prototypes.png, the prototypes as images.",
            HelpName = "file.png",
        };
        Option<string?> plotTrainer = new("--plot-trainer")
        {
            Description = $"Trainer whose clusters (first seed) the picture shows: {string.Join(", ", ClusteringTrainers.All.Select(t => t.Name))}. Default: the first.",
            HelpName = "name",
        };
        Option<int?> imageWidth = new("--image-width")
        {
            Description = "Pixels per image row, for the prototype picture of image data whose feature count is not 64 or 784.",
            HelpName = "w",
            CustomParser = r => r.Tokens.Count == 0 ? null : CliOptions.ParseInt(r, "--image-width", 1, 100_000),
        };
        Option<string> normalize = new("--normalize")
        {
            Description = "zscore (default): every feature z-scored once (ML.NET's NormalizeMeanVariance, mean subtracted); none: " +
                "the CSV's values as they are (for features in one unit, such as pixels). Every trainer and metric uses this view.",
            HelpName = "zscore|none",
            DefaultValueFactory = _ => "zscore",
        };
        normalize.AcceptOnlyFromAmong("zscore", "none");
        Option<bool> json = CliOptions.Json();

        var command = new Command("clustering",
            "Fit every clustering trainer (" + string.Join(", ", ClusteringTrainers.All.Select(t => t.Name)) + ") on all rows of the " +
            "z-scored features with k clusters and compare NMI, ARI, ACC (with --label), silhouette and Davies–Bouldin (in the " +
            "z-scored space) and fit seconds; --seeds N reports means over N seeds.");
        foreach (Option option in new Option[] { data, label, k, seed, seeds, ignore, normalize, silhouetteSample, plot, plotTrainer, imageWidth, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            new Settings(parse.GetValue(data)!, parse.GetValue(label), parse.GetValue(k), parse.GetValue(seed), parse.GetValue(seeds),
                Columns(parse.GetValue(ignore)), parse.GetValue(silhouetteSample), parse.GetValue(plot), parse.GetValue(plotTrainer),
                parse.GetValue(imageWidth), parse.GetValue(normalize) != "none"), parse.GetValue(json))));
        return command;
    }

    private sealed record Settings(string Data, string? Label, int? Clusters, int Seed, int Seeds, string[] Ignore,
        int? SilhouetteSample, string? Plot, string? PlotTrainer, int? ImageWidth, bool ZScore);

    private static string[] Columns(string? list)
    {
        if (list is null)
            return [];
        string[] names = list.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
            throw new CliException($"--ignore '{list}' has an empty column name; expected names separated by commas (c1,c2).");
        return names;
    }

    private static int Execute(CliConsole console, Settings s, bool json)
    {
        if (s.Label is null && s.Clusters is null)
            throw new CliException("--k is required without --label (with a label, k defaults to its number of classes).");
        ClusteringTrainer plotTrainer = ClusteringTrainers.All[0];
        if (s.PlotTrainer is not null)
        {
            plotTrainer = ClusteringTrainers.All.FirstOrDefault(t => string.Equals(t.Name, s.PlotTrainer, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException($"--plot-trainer '{s.PlotTrainer}' is not a trainer of compare clustering; use one of " +
                    string.Join(", ", ClusteringTrainers.All.Select(t => t.Name)) + ".");
        }
        if (s.Plot is not null)
            MaskPlot.CheckPath(s.Plot, s.Data, modelPath: null);
        ClusteringTask task = ClusteringTask.For(s.Label is not null);
        CsvTable table = CsvTableReader.Read(s.Data, s.Label, task, ignore: s.Ignore);
        int k = s.Clusters ?? table.ClassNames.Count;
        if (k < 2)
            throw new CliException($"Label column '{table.LabelColumn}' of '{table.Name}' holds {table.ClassNames.Count} class(es); give --k (at least 2).");
        if (k > table.RowCount)
            throw new CliException($"--k {k} is more than the {table.RowCount} rows of '{table.Name}'; each cluster needs at least one row.");
        int? imageWidth = s.Plot is null ? null : ClusterPlot.ImageWidth(table.FeatureCount, s.ImageWidth);
        foreach (string warning in task.Warnings(table, 1))
            console.WriteWarning(warning);

        ClusteringData clusteringData = ClusteringData.Create(table, s.ZScore);
        int[] seeds = Enumerable.Range(0, s.Seeds).Select(i => unchecked(s.Seed + i)).ToArray();
        var runner = new ClusteringRunner(clusteringData, ClusteringTrainers.All, k, s.SilhouetteSample);
        IReadOnlyList<ClusteringRun> runs;
        if (console.Interactive && !json)
        {
            runs = console.Ansi.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask progress = ctx.AddTask("starting", maxValue: seeds.Length * ClusteringTrainers.All.Count);
                    return runner.Run(seeds, (done, next) =>
                    {
                        progress.Description = Markup.Escape(next);
                        progress.Value = done;
                    });
                });
        }
        else
        {
            runs = runner.Run(seeds);
        }
        if (runs.All(r => r.Failed))
        {
            throw new CliException($"No trainer could cluster '{table.Name}' ({table.RowCount} rows, k = {k}): " +
                string.Join("; ", runs.Where(r => r.Seed == seeds[0]).Select(r => $"{r.Trainer}: {r.Error}")));
        }
        var result = new ClusteringComparisonResult(clusteringData, k, seeds, ClusteringTrainers.All.Select(t => t.Name).ToArray(), runs,
            s.SilhouetteSample);
        var pictures = new List<string>();
        if (s.Plot is not null)
        {
            ClusteringRun shown = runs.First(r => r.Trainer == plotTrainer.Name && r.Seed == seeds[0]);
            if (shown.Failed)
                throw new CliException($"--plot: {plotTrainer.Name} failed with seed {seeds[0]}: {shown.Error}");
            string title = ClusterPlot.Title(table.Name, plotTrainer.Name, k, seeds[0], shown.Assignment!);
            ClusterPlot.SaveScatter(s.Plot, title, clusteringData, shown.Assignment!, shown.Prototypes!, k);
            pictures.Add(s.Plot);
            if (imageWidth is { } w)
            {
                string prototypes = ClusterPlot.PrototypesPath(s.Plot);
                ClusterPlot.SavePrototypes(prototypes, $"{title}: prototypes", clusteringData, shown.Prototypes!, w);
                pictures.Add(prototypes);
            }
        }
        ClusteringComparisonReport.Write(console, result, json, pictures);
        return 0;
    }

    /// <summary>k for <c>train baseline --task clustering</c>: the given one, or the label's number of classes; at most
    /// the rows of the smallest training part (KMeans cannot place more centroids than it has rows).
    /// <paramref name="folds"/> 1: training on every row.</summary>
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
