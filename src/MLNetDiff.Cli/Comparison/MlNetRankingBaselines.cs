using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Comparison;

/// <summary>ML.NET's ranking trainers for <c>compare ranking</c>, with their defaults (LambdaMART in both): LightGbm's
/// and FastTree's. Both read the relevance label (Single) and the group key MapValueToKey made (GroupId).</summary>
internal static class MlNetRankingBaselines
{
    public const string LightGbmName = "LightGbmRanking";
    public const string FastTreeName = "FastTreeRanking";

    public static IComparedTrainer[] All() => [LightGbm(), FastTree()];

    public static IComparedTrainer LightGbm() => new MlNetComparedTrainer(LightGbmName, ml =>
        ml.Ranking.Trainers.LightGbm(labelColumnName: ColumnNames.Label, featureColumnName: ColumnNames.Features,
            rowGroupColumnName: ColumnNames.GroupId));

    public static IComparedTrainer FastTree() => new MlNetComparedTrainer(FastTreeName, ml =>
        ml.Ranking.Trainers.FastTree(labelColumnName: ColumnNames.Label, featureColumnName: ColumnNames.Features,
            rowGroupColumnName: ColumnNames.GroupId));
}
