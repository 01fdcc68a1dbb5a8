using System;
using Microsoft.ML.Data;
using MLNetDiff.FeatureSelection;

// In Microsoft.ML, like ML.NET's own catalog extensions: mlContext.Transforms.FeatureSelection shows it without a using.
namespace Microsoft.ML;

/// <summary>Catalog entry points of the GFSNetwork feature selector.</summary>
public static class GumbelFeatureSelectionCatalog
{
    /// <summary>
    /// Creates a <see cref="GumbelFeatureSelectionEstimator"/>: learns which slots of <paramref name="inputColumnName"/>
    /// to keep with a Gumbel-sigmoid mask trained jointly with a small network; the number kept is learned, not given.
    /// </summary>
    /// <param name="catalog">The feature selection catalog.</param>
    /// <param name="outputColumnName">The output column (the kept slots).</param>
    /// <param name="inputColumnName">The input column, a known-size vector of Single; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Label: Boolean or Key (classification) or Single (regression).</param>
    /// <param name="balance">λ, the price of a kept feature (larger keeps fewer).</param>
    /// <param name="seed">Seed; null draws one from the environment.</param>
    public static GumbelFeatureSelectionEstimator SelectFeaturesGumbel(this TransformsCatalog.FeatureSelectionTransforms catalog,
        string outputColumnName = DefaultColumnNames.Features, string? inputColumnName = null,
        string labelColumnName = DefaultColumnNames.Label, double balance = 0.1, int? seed = null)
        => SelectFeaturesGumbel(catalog, new GumbelFeatureSelectionEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName,
            Balance = balance,
            Seed = seed,
        });

    /// <summary>Creates a <see cref="GumbelFeatureSelectionEstimator"/> from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the parameter name is the option's name).</exception>
    public static GumbelFeatureSelectionEstimator SelectFeaturesGumbel(this TransformsCatalog.FeatureSelectionTransforms catalog,
        GumbelFeatureSelectionEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new GumbelFeatureSelectionEstimator(catalog.GetEnvironment(), options);
    }
}
