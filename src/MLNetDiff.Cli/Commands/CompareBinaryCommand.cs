using System.Collections.Generic;
using System.CommandLine;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare binary</c>: AnyLoss (metric-matched), the same network trained with BCE,
/// LbfgsLogisticRegression, FastTree and LightGbm over stratified folds.</summary>
internal static class CompareBinaryCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        Option<BinaryMetric> metric = CliOptions.Metric();
        Option<double> beta = CliOptions.Beta();
        Option<int> folds = CliOptions.Folds();
        Option<int> seed = CliOptions.Seed();
        Option<string?> hidden = CliOptions.Hidden();
        Option<int?> epochs = CliOptions.Epochs();
        Option<bool> json = CliOptions.Json();
        Option<bool> thresholdSearch = CliOptions.ThresholdSearch();

        var command = new Command("binary",
            "Stratified k-fold comparison of AnyLoss (trained for --metric) with the same network trained with binary " +
            "cross-entropy (BCE-<network>) and ML.NET's LbfgsLogisticRegression (z-scored), FastTree and LightGbm (defaults). " +
            "Prints per trainer the mean ± std over folds of F1, balanced accuracy, G-mean, AUC, accuracy (ML.NET's binary " +
            "evaluator) and training seconds; a trainer that cannot fit a fold is reported as a failed row with the reason. " +
            "For timings with LightGbm on a busy machine run with OMP_WAIT_POLICY=PASSIVE (set automatically on Linux when unset).");
        foreach (Option option in new Option[] { data, label, metric, beta, folds, seed, hidden, epochs, json, thresholdSearch })
            command.Options.Add(option);
        CliOptions.RequireFBetaForBeta(command, metric, beta);

        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
        {
            var settings = new AnyLossSettings(parse.GetValue(metric), parse.GetValue(beta),
                CliOptions.HiddenSizes(parse.GetValue(hidden)), parse.GetValue(epochs));
            settings.Check();
            return CompareCommand.Execute(console, BinaryTask.Instance, parse.GetValue(data)!, parse.GetValue(label)!,
                Trainers(settings, parse.GetValue(thresholdSearch)), parse.GetValue(folds), parse.GetValue(seed),
                parse.GetValue(json), settings);
        }));
        return command;
    }

    /// <summary>The rows of <c>compare binary</c>, in report order.</summary>
    internal static IReadOnlyList<IComparedTrainer> Trainers(AnyLossSettings settings, bool thresholdSearch = false)
    {
        var trainers = new List<IComparedTrainer>
        {
            new AnyLossComparedTrainer(settings),
            new BceTwinTrainer(settings),
            MlNetBaselines.LogisticRegression(),
            MlNetBaselines.FastTree(),
            MlNetBaselines.LightGbm(),
        };
        if (thresholdSearch)
            trainers.Insert(1, new ThresholdSearchComparedTrainer(settings));
        return trainers;
    }
}
