using System;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

// In Microsoft.ML, like ML.NET's own trainer packages: the trainer shows up on mlContext.Clustering.Trainers without
// another using.
namespace Microsoft.ML;

/// <summary>Catalog entry points of the NeuralKMeans (TELL) clusterer.</summary>
public static class NeuralKMeansCatalog
{
    /// <summary>
    /// Creates a <see cref="NeuralKMeansTrainer"/>: interpretable neural k-means (TELL) with k-means++ seeding and
    /// restarts, returning the standard <c>ClusteringPredictionTransformer</c>.
    /// </summary>
    /// <param name="catalog">The clustering trainer catalog.</param>
    /// <param name="numberOfClusters">K (≥ 2).</param>
    /// <param name="featureColumnName">Features: a known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">Optional row weights (Single, ≥ 0).</param>
    /// <param name="geometry">Euclidean (default) or TELL's spherical geometry.</param>
    public static NeuralKMeansTrainer NeuralKMeans(this ClusteringCatalog.ClusteringTrainers catalog, int numberOfClusters,
        string featureColumnName = DefaultColumnNames.Features, string? exampleWeightColumnName = null,
        NeuralKMeansGeometry geometry = NeuralKMeansGeometry.Euclidean)
    {
        var options = new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = numberOfClusters,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
            Geometry = geometry,
        };
        return NeuralKMeans(catalog, options);
    }

    /// <summary>Creates a <see cref="NeuralKMeansTrainer"/> from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the parameter name is the option's name).</exception>
    public static NeuralKMeansTrainer NeuralKMeans(this ClusteringCatalog.ClusteringTrainers catalog,
        NeuralKMeansTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new NeuralKMeansTrainer(catalog.GetEnvironment(), options);
    }
}
