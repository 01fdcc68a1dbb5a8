using System.CommandLine;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff compare ranking</c>: ML.NET's LightGbmRanking and FastTreeRanking over folds of whole groups,
/// scored by ML.NET's ranking evaluator.</summary>
internal static class CompareRankingCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        data.Description = "CSV file: a header row, the label column (relevance 0–4), the group column, every other column numeric (features).";
        Option<string> label = CliOptions.Label();
        label.Description = $"Name of the label column: a relevance grade, a whole number from 0 to {RankingTask.MaxGrade}.";
        Option<string> group = CliOptions.Group();
        Option<int> folds = CliOptions.Folds();
        folds.Description = "Number of folds (≥ 2); each holds whole groups.";
        Option<int> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();

        var command = new Command("ranking",
            "k-fold comparison by group (no query is split between training and test) of ML.NET's ranking trainers: " +
            "LightGbmRanking and FastTreeRanking (defaults). Prints per trainer the mean ± std over folds of NDCG@1, @3, @5, @10 " +
            "and DCG@10 (ML.NET's ranking evaluator) and training seconds; a trainer that cannot fit a fold is a failed row.");
        foreach (Option option in new Option[] { data, label, group, folds, seed, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
            CompareCommand.Execute(console, RankingTask.Instance, parse.GetValue(data)!, parse.GetValue(label)!, parse.GetValue(group)!,
                _ => MlNetRankingBaselines.All(), parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(json), anyLoss: null)));
        return command;
    }
}
