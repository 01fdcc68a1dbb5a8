using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Comparison;

/// <summary>ML.NET's multiclass trainers for <c>compare multiclass</c>, as a competent user would set them up: the two
/// linear maximum-entropy trainers after z-scoring (<c>fixZero: false</c>, with a cache checkpoint, as for the binary
/// logistic regression), LightGbm with its defaults. All read the key label MapValueToKey made (LabelKey).</summary>
internal static class MlNetMulticlassBaselines
{
    public const string LbfgsName = "LbfgsMaximumEntropy";
    public const string SdcaName = "SdcaMaximumEntropy";
    public const string LightGbmName = "LightGbm";

    public static IComparedTrainer[] All() => [Lbfgs(), Sdca(), LightGbm()];

    public static IComparedTrainer Lbfgs() => new MlNetComparedTrainer(LbfgsName, ml =>
        ZScore(ml).Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            labelColumnName: ColumnNames.LabelKey, featureColumnName: ColumnNames.Features)));

    public static IComparedTrainer Sdca() => new MlNetComparedTrainer(SdcaName, ml =>
        ZScore(ml).Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            labelColumnName: ColumnNames.LabelKey, featureColumnName: ColumnNames.Features)));

    public static IComparedTrainer LightGbm() => new MlNetComparedTrainer(LightGbmName, ml =>
        ml.MulticlassClassification.Trainers.LightGbm(labelColumnName: ColumnNames.LabelKey, featureColumnName: ColumnNames.Features));

    /// <summary>Typed <see cref="IEstimator{ITransformer}"/> before the checkpoint, so the chain stays flat (pitfall A.1).</summary>
    private static Microsoft.ML.Data.EstimatorChain<ITransformer> ZScore(MLContext ml)
    {
        IEstimator<ITransformer> normalize = ml.Transforms.NormalizeMeanVariance(ColumnNames.Features, fixZero: false);
        return normalize.AppendCacheCheckpoint(ml);
    }
}
