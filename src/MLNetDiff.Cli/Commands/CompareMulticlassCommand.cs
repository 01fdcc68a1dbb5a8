using System.CommandLine;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare multiclass</c>: ML.NET's LbfgsMaximumEntropy, SdcaMaximumEntropy (both z-scored) and
/// LightGbm over stratified folds, scored by ML.NET's multiclass evaluator.</summary>
internal static class CompareMulticlassCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the label column: any values (numbers or names), each distinct value a class (MapValueToKey).";
        Option<int> folds = CliOptions.Folds();
        Option<int> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();

        var command = new Command("multiclass",
            "Stratified k-fold comparison of ML.NET's multiclass trainers: LbfgsMaximumEntropy and SdcaMaximumEntropy (z-scored) " +
            "and LightGbm (defaults). Prints per trainer the mean ± std over folds of MicroAccuracy, MacroAccuracy, LogLoss and " +
            "LogLossReduction (ML.NET's multiclass evaluator) and training seconds; a trainer that cannot fit a fold is a failed row.");
        foreach (Option option in new Option[] { data, label, folds, seed, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
            CompareCommand.Execute(console, MulticlassTask.Instance, parse.GetValue(data)!, parse.GetValue(label)!,
                MlNetMulticlassBaselines.All(), parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(json), anyLoss: null)));
        return command;
    }
}
