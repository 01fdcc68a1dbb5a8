using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>Catalog entry points of the fixture components, shaped like ML.NET's own.</summary>
public static class FixtureCatalog
{
    /// <summary>K-means fixture: <paramref name="clusters"/> clusters, <paramref name="iterations"/> Lloyd iterations.</summary>
    public static FixtureClusteringTrainer FixtureCentroids(this ClusteringCatalog.ClusteringTrainers catalog,
        string featureColumnName = "Features", int clusters = 3, int iterations = 10)
        => new(Env(catalog), featureColumnName, clusters, iterations);

    /// <summary>Ridge-regression ranker on the relevance label; the group column must be a Key.</summary>
    public static FixtureRankingTrainer FixtureLinearRanker(this RankingCatalog.RankingTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string rowGroupColumnName = "GroupId",
        float ridge = 1e-3f)
        => new(Env(catalog), labelColumnName, featureColumnName, rowGroupColumnName, ridge);

    /// <summary>Nearest class mean with softmax of negative squared distances; the label must be a Key.</summary>
    public static FixtureNearestMeanTrainer FixtureNearestMean(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features")
        => new(Env(catalog), labelColumnName, featureColumnName);

    /// <summary>Learned per-slot standardizer of a known-size Single vector column.</summary>
    public static FixtureStandardizingEstimator FixtureStandardize(this TransformsCatalog catalog,
        string outputColumnName, string? inputColumnName = null)
        => new(Env(catalog), outputColumnName, inputColumnName ?? outputColumnName);

    /// <summary>Sigmoid calibrator fitted by Newton's method on the log-loss, appended after an uncalibrated binary trainer.</summary>
    public static FixtureSigmoidCalibratorEstimator FixtureSigmoid(this BinaryClassificationCatalog.CalibratorsCatalog catalog,
        string labelColumnName = "Label", string scoreColumnName = "Score")
        => new(Env(catalog), labelColumnName, scoreColumnName);

    /// <summary>Logistic regression trained on streamed batches (never caches the rows); Score is the logit.</summary>
    public static FixtureStreamedLogisticTrainer FixtureStreamedLogistic(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 20, int seed = 1)
        => new(Env(catalog), labelColumnName, featureColumnName, epochs, seed);

    private static IHostEnvironment Env(IInternalCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Environment;
    }
}
