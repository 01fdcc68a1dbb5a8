using System.CommandLine;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare regression</c>: ML.NET's Sdca (z-scored), FastTree and LightGbm over shuffled folds,
/// scored by ML.NET's regression evaluator. It proves the task-generic shape with ML.NET's trainers only.</summary>
internal static class CompareRegressionCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        data.Description = "CSV file: a header row, the label column (a number), every other column numeric (features).";
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the label column (the regression target, a finite number).";
        Option<int> folds = CliOptions.Folds();
        folds.Description = "Number of folds (≥ 2).";
        Option<int> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();

        var command = new Command("regression",
            "Shuffled k-fold comparison of ML.NET's regression trainers: Sdca (z-scored), FastTree and LightGbm (defaults). " +
            "Prints per trainer the mean ± std over folds of RMSE, MAE and R² (ML.NET's regression evaluator) and training " +
            "seconds; a trainer that cannot fit a fold is reported as a failed row with the reason.");
        foreach (Option option in new Option[] { data, label, folds, seed, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
            CompareCommand.Execute(console, RegressionTask.Instance, parse.GetValue(data)!, parse.GetValue(label)!,
                MlNetRegressionBaselines.All(), parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(json), anyLoss: null)));
        return command;
    }
}
