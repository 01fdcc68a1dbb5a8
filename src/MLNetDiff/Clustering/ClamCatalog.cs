using System;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

// In Microsoft.ML, like ML.NET's own trainer packages: the trainer shows up on mlContext.Clustering.Trainers without
// another using.
namespace Microsoft.ML;

/// <summary>Catalog entry points of the ClAM (associative-memory) clusterer.</summary>
public static class ClamCatalog
{
    /// <summary>
    /// Creates a <see cref="ClamTrainer"/>: clustering with associative memories (ClAM) with k-means++ seeding and
    /// restarts, returning the standard <c>ClusteringPredictionTransformer</c>.
    /// </summary>
    /// <param name="catalog">The clustering trainer catalog.</param>
    /// <param name="numberOfClusters">K (≥ 2).</param>
    /// <param name="featureColumnName">Features: a known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">Optional row weights (Single, ≥ 0).</param>
    public static ClamTrainer Clam(this ClusteringCatalog.ClusteringTrainers catalog, int numberOfClusters = 5,
        string featureColumnName = DefaultColumnNames.Features, string? exampleWeightColumnName = null)
    {
        var options = new ClamTrainer.Options
        {
            NumberOfClusters = numberOfClusters,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
        };
        return Clam(catalog, options);
    }

    /// <summary>Creates a <see cref="ClamTrainer"/> from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the parameter name is the option's name).</exception>
    public static ClamTrainer Clam(this ClusteringCatalog.ClusteringTrainers catalog, ClamTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ClamTrainer(catalog.GetEnvironment(), options);
    }
}
