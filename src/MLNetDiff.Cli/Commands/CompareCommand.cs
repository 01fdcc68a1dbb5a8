using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using Spectre.Console;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare &lt;task&gt;</c>: k-fold comparison of a task's trainers, the same for every task (its
/// <see cref="TaskDescriptor"/> reads the labels, makes the folds and evaluates). Each task command is thin: its options
/// and its trainer list (<see cref="CompareBinaryCommand"/>, <see cref="CompareRegressionCommand"/>,
/// <see cref="CompareMulticlassCommand"/>, <see cref="CompareClusteringCommand"/>, <see cref="CompareRankingCommand"/>).</summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var compare = new Command("compare", "Compare trainers of one task with k-fold cross-validation.");
        compare.Subcommands.Add(CompareBinaryCommand.Create(console));
        compare.Subcommands.Add(CompareRegressionCommand.Create(console));
        compare.Subcommands.Add(CompareMulticlassCommand.Create(console));
        compare.Subcommands.Add(CompareClusteringCommand.Create(console));
        compare.Subcommands.Add(CompareRankingCommand.Create(console));
        compare.Subcommands.Add(CompareSelectCommand.Create(console));
        return compare;
    }

    /// <summary>Reads the CSV for <paramref name="task"/>, runs the folds, prints the report. Exit code 0 when at least
    /// one trainer ran every fold (failed trainers are rows of the report); when none did, one error line and 1.</summary>
    public static int Execute(CliConsole console, TaskDescriptor task, string dataPath, string labelColumn,
        IReadOnlyList<IComparedTrainer> trainers, int folds, int seed, bool json, AnyLossSettings? anyLoss) =>
        Execute(console, task, dataPath, labelColumn, groupColumn: null, _ => trainers, folds, seed, json, anyLoss);

    /// <summary>The same, for tasks whose trainers depend on the data (clustering's k from the label's classes) or that
    /// read a group column (ranking).</summary>
    public static int Execute(CliConsole console, TaskDescriptor task, string dataPath, string? labelColumn, string? groupColumn,
        Func<CsvTable, IReadOnlyList<IComparedTrainer>> trainers, int folds, int seed, bool json, AnyLossSettings? anyLoss)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(trainers);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, task, groupColumn);
        task.CheckTrainingData(table);
        var runner = new ComparisonRunner(task, trainers(table), folds, seed);
        // Too few rows (classes, groups) for the folds is an error, checked before any warning is printed.
        _ = task.AssignFolds(table, folds, seed);
        foreach (string warning in task.Warnings(table, folds))
            console.WriteWarning(warning);
        IReadOnlyList<TrainerResult> results;
        if (console.Interactive && !json)
        {
            results = console.Ansi.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask progress = ctx.AddTask("starting", maxValue: folds * runner.Trainers.Count);
                    return runner.Run(table, p =>
                    {
                        progress.Description = Markup.Escape(p.Current);
                        progress.Value = p.Completed;
                    });
                });
        }
        else
        {
            results = runner.Run(table);
        }
        if (results.All(r => r.Failed))
        {
            throw new CliException($"No trainer could fit '{table.Name}' ({table.RowCount} rows, {folds} folds): " +
                string.Join("; ", results.Select(r => $"{r.Trainer}: {r.Failure}")));
        }
        ComparisonReport.Write(console, new ComparisonResult(task, table, folds, seed, anyLoss, results), json);
        return 0;
    }
}
