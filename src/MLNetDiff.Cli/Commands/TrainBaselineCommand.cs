using System;
using System.CommandLine;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff train baseline --task T [--trainer N]</c>: fits one of ML.NET's baselines of a task (the trainers
/// <c>compare T</c> runs) on the whole CSV and saves it as <c>train anyloss</c> saves AnyLoss. The task descriptor does
/// the rest (label reading, the keys, the evaluator of the training metrics), which is all a component's train command
/// needs besides its trainer.</summary>
internal static class TrainBaselineCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> task = new("--task")
        {
            Description = $"The task: {string.Join(", ", TaskBaselines.TaskNames)}.",
            Required = true,
            HelpName = "task",
        };
        task.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } name && TaskBaselines.Task(name, labelled: false) is null)
                r.AddError($"--task '{name}' is not a task; use one of {string.Join(", ", TaskBaselines.TaskNames)}.");
        });
        Option<string?> trainer = new("--trainer")
        {
            Description = "ML.NET trainer of the task, as compare names it (binary: LbfgsLogisticRegression, FastTree, LightGbm; " +
                "multiclass: LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm; regression: Sdca, FastTree, LightGbm; clustering: KMeans; " +
                "ranking: LightGbmRanking, FastTreeRanking). Default: the first.",
            HelpName = "name",
        };
        Option<string> data = CliOptions.Data();
        Option<string?> label = CliOptions.OptionalLabel();
        label.Description = "Name of the label column (default Label; optional for clustering, where it only gives the default --clusters).";
        Option<string?> group = new("--group") { Description = "Name of the group (query) column (ranking).", HelpName = "column" };
        Option<int?> clusters = CliOptions.Clusters();
        Option<int> seed = CliOptions.Seed();
        Option<string> output = new("--out", "-o") { Description = "Model file to write (ML.NET .zip; overwritten).", Required = true, HelpName = "model.zip" };
        Option<bool> json = CliOptions.Json();

        var command = new Command("baseline",
            "Train one of ML.NET's baseline trainers of a task on the whole CSV and save it as an ML.NET model file (.zip) whose " +
            "input is the CSV's feature columns; prints the task's metrics on the training rows.");
        foreach (Option option in new Option[] { task, trainer, data, label, group, clusters, seed, output, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
        {
            string taskName = parse.GetValue(task)!;
            string? labelColumn = parse.GetValue(label);
            bool clustering = string.Equals(taskName, "clustering", StringComparison.OrdinalIgnoreCase);
            // Clustering reads a label only when one is named; every other task defaults to "Label".
            if (!clustering)
                labelColumn ??= "Label";
            TaskDescriptor descriptor = TaskBaselines.Task(taskName, labelColumn is not null)!;
            return Execute(console, descriptor, parse.GetValue(trainer), parse.GetValue(data)!, labelColumn, parse.GetValue(group),
                parse.GetValue(clusters), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json));
        }));
        return command;
    }

    private static int Execute(CliConsole console, TaskDescriptor task, string? trainerName, string dataPath, string? labelColumn,
        string? groupColumn, int? clusters, int seed, string modelPath, bool json)
    {
        ModelSaving.CheckOutputPath(modelPath, dataPath);
        if (task.Name == "clustering" && labelColumn is null && clusters is null)
            throw new CliException("--clusters is required without --label (with a label, k defaults to its number of classes).");
        if (!task.UsesGroups && groupColumn is not null)
            throw new CliException($"--group applies only to ranking; the {task.Name} task has no groups.");
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, task, groupColumn);
        task.CheckTrainingData(table);
        int k = task.Name == "clustering" ? CompareClusteringCommand.ClusterCount(table, clusters, folds: 1) : 0;
        IComparedTrainer trainer = TaskBaselines.Find(task, trainerName, k);

        var ml = new MLContext(seed);
        IDataView view = task.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, textColumns: true));
        ITransformer fitted;
        var clock = Stopwatch.StartNew();
        try
        {
            fitted = trainer.Fit(view, seed);
        }
#pragma warning disable CA1031 // Whatever the ML.NET trainer throws is reported as one line naming it.
        catch (Exception e) when (e is not CliException)
#pragma warning restore CA1031
        {
            throw new CliException($"{trainer.Name} could not train on '{table.Name}' ({task.DescribeRows(table, Enumerable.Range(0, table.RowCount).ToArray())}): {ComparisonRunner.Message(e)}", e);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        ModelSaving.Save(ml, table, fitted, modelPath);
        double[] metrics = task.Evaluate(ml, fitted.Transform(view));
        TrainBaselineReport.Write(console, json, new TrainBaselineSummary(modelPath, table, task, trainer.Name, k, metrics, seconds));
        return 0;
    }
}
