using System.CommandLine;
using System.CommandLine.Help;
using MLNetDiff.Cli.Output;

namespace MLNetDiff.Cli.Commands;

/// <summary>The command tree: <c>train anyloss|baseline</c>, <c>evaluate</c>, <c>export</c>, <c>select gfs</c>, <c>compare
/// binary|regression|multiclass|clustering|ranking|select</c>.</summary>
internal static class CliCommands
{
    public const string ToolName = "mlnetdiff";

    /// <summary>The root command. A plain <see cref="Command"/> named after the tool (a RootCommand takes the name of the
    /// executable, MLNetDiff.Cli), with the help and version options a RootCommand has.</summary>
    public static Command CreateRoot(CliConsole console)
    {
        var root = new Command(ToolName,
            "mlnetdiff: train AnyLoss classifiers (which maximise F1, G-mean, balanced accuracy, MCC… directly) on CSV files, " +
            "evaluate saved ML.NET models of any task, and compare trainers of a task (binary, regression, multiclass, clustering, " +
            "ranking) with ML.NET's evaluator for it; select features with GFSNetwork and compare it with ML.NET's mutual information. " +
            "Timing comparisons with LightGbm need OMP_WAIT_POLICY=PASSIVE on a busy machine; on Linux mlnetdiff sets it " +
            "for itself unless it is already set.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(CliOptions.Verbose());

        var train = new Command("train", "Train a model and save it as an ML.NET model file (.zip).");
        train.Subcommands.Add(TrainCommand.Create(console));
        train.Subcommands.Add(TrainBaselineCommand.Create(console));
        root.Subcommands.Add(train);

        root.Subcommands.Add(EvaluateCommand.Create(console));

        root.Subcommands.Add(ExportCommand.Create(console));

        root.Subcommands.Add(CompareCommand.Create(console));

        root.Subcommands.Add(SelectCommand.Create(console));
        return root;
    }
}
