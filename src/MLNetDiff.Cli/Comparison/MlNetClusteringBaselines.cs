using System;
using Microsoft.ML;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Comparison;

/// <summary>ML.NET's clustering trainer for <c>compare clustering</c>: KMeans (k-means++ initialisation, ML.NET's
/// defaults) with <c>k</c> clusters. No normalisation in front: ML.NET's clustering evaluator measures distances in the
/// Features column of the scored view, and a normalizer would change that space for this trainer alone, so its average
/// distance and Davies–Bouldin index could not be compared with another trainer's.</summary>
internal static class MlNetClusteringBaselines
{
    public const string KMeansName = "KMeans";

    public static IComparedTrainer[] All(int clusters) => [KMeans(clusters)];

    public static IComparedTrainer KMeans(int clusters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        return new MlNetComparedTrainer(KMeansName, ml =>
            ml.Clustering.Trainers.KMeans(featureColumnName: ColumnNames.Features, numberOfClusters: clusters));
    }
}
