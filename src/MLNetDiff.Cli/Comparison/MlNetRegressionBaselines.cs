using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Comparison;

/// <summary>ML.NET's regression trainers for <c>compare regression</c>, as a competent user would set them up: SDCA
/// after z-scoring (it is a linear model trained by coordinate ascent, sensitive to feature scale), FastTree and
/// LightGbm with their defaults. Only ML.NET's trainers: MLNetDiff has no regression trainer yet.</summary>
internal static class MlNetRegressionBaselines
{
    public const string SdcaName = "Sdca";
    public const string FastTreeName = "FastTree";
    public const string LightGbmName = "LightGbm";

    public static IComparedTrainer[] All() => [Sdca(), FastTree(), LightGbm()];

    public static IComparedTrainer Sdca() => new MlNetComparedTrainer(SdcaName, ml =>
        ml.Transforms.NormalizeMeanVariance(ColumnNames.Features, fixZero: false)
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: ColumnNames.Label, featureColumnName: ColumnNames.Features)));

    public static IComparedTrainer FastTree() => new MlNetComparedTrainer(FastTreeName, ml =>
        ml.Regression.Trainers.FastTree(labelColumnName: ColumnNames.Label, featureColumnName: ColumnNames.Features));

    public static IComparedTrainer LightGbm() => new MlNetComparedTrainer(LightGbmName, ml =>
        ml.Regression.Trainers.LightGbm(labelColumnName: ColumnNames.Label, featureColumnName: ColumnNames.Features));
}
