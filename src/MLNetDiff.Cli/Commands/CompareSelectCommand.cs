using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tasks;
using Spectre.Console;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare select</c>: k-fold comparison of feature selectors (all features, GFSNetwork, ML.NET's
/// mutual information at GFS's count and at 10) under the task's linear and boosted downstream trainers
/// (<see cref="SelectionComparison"/>).</summary>
internal static class CompareSelectCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the label column (binary 0/1, classes, or a numeric target; see --task).";
        var gfs = new SelectionOptions();
        Option<int> folds = CliOptions.Folds();
        Option<int> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();

        var command = new Command("select",
            "k-fold comparison of feature selectors, each fitted on the training fold only: all features, GFSNetwork (gfs), " +
            "ML.NET's mutual-information selector keeping GFS's count (mi@gfs) and min(10, D) (mi@10), each followed by the " +
            "task's linear trainer (LbfgsLogisticRegression, LbfgsMaximumEntropy, Sdca) and LightGbm. Prints balanced accuracy " +
            "(R² for regression), the kept count and the selector's fit seconds; a selector or trainer that fails is a failed row.");
        command.Options.Add(data);
        command.Options.Add(label);
        gfs.AddTo(command);
        foreach (Option option in new Option[] { folds, seed, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            parse.GetValue(data)!, parse.GetValue(label)!, parse.GetValue(gfs.Task), gfs.Settings(parse), parse.GetValue(folds),
            parse.GetValue(seed), parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliConsole console, string dataPath, string labelColumn, string? taskName, GfsSettings settings,
        int folds, int seed, bool json)
    {
        (TaskDescriptor task, string reason) = SelectionTasks.Decide(taskName, dataPath, labelColumn);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, task);
        task.CheckTrainingData(table);
        settings.Check(table);
        // Too few rows (classes) for the folds is an error, checked before any warning is printed.
        _ = task.AssignFolds(table, folds, seed);
        foreach (string warning in task.Warnings(table, folds))
            console.WriteWarning(warning);
        var comparison = new SelectionComparison(task, settings, folds, seed);
        IReadOnlyList<SelectionRow> rows = console.Interactive && !json
            ? console.Ansi.Status().Start($"Comparing selectors on {table.Name} ({folds} folds)…", _ => comparison.Run(table))
            : comparison.Run(table);
        foreach (string warning in comparison.Warnings)
            console.WriteWarning(warning);
        if (rows.All(r => r.Failed))
        {
            throw new CliException($"No selector and trainer could run on '{table.Name}' ({table.RowCount} rows, {folds} folds): " +
                string.Join("; ", rows.Select(r => $"{r.Selector} + {r.Downstream}: {r.Failure}").Distinct().Take(4)));
        }
        SelectionComparisonReport.Write(console, json, table, task, reason, settings, folds, seed, rows);
        return 0;
    }
}
