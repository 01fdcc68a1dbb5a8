using System;
using System.Collections.Generic;
using Microsoft.ML;

namespace MLNetDiff.Testing.Quality;

/// <summary>
/// Our pipeline against a named ML.NET baseline on the same rows: both are fitted on the same training rows and
/// measured on the same test rows with the same metric, on one split or on the same cross-validation folds, so a test
/// asserts "ours ≥ baseline − margin" on real data (DESIGN.md, Conventions) instead of a hard-coded number.
/// </summary>
public static class QualityComparison
{
    /// <summary>Fits both pipelines on <paramref name="train"/> and measures them on <paramref name="test"/>.</summary>
    /// <param name="ml">The context (seeded by the caller).</param>
    /// <param name="dataset">The data's name, for the row.</param>
    /// <param name="train">Training rows, as both pipelines read them.</param>
    /// <param name="test">Test rows.</param>
    /// <param name="ours">Our pipeline and its name.</param>
    /// <param name="baseline">The baseline pipeline (the same preprocessing and an ML.NET trainer) and its name.</param>
    /// <param name="metric">The metric of scored rows.</param>
    public static QualityRow OnSplit(MLContext ml, string dataset, IDataView train, IDataView test,
        (string Name, IEstimator<ITransformer> Pipeline) ours, (string Name, IEstimator<ITransformer> Pipeline) baseline,
        QualityMetric metric)
    {
        Check(ml, dataset, ours, baseline, metric);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return new QualityRow(dataset, metric, ours.Name, baseline.Name,
            [Measure(ml, ours.Pipeline, train, test, metric)], [Measure(ml, baseline.Pipeline, train, test, metric)]);
    }

    /// <summary>Cross-validates both pipelines on the same <paramref name="folds"/> folds of <paramref name="data"/>
    /// (ML.NET's <c>CrossValidationSplit</c> with <paramref name="seed"/>) and measures each fold's held-out rows.</summary>
    public static QualityRow OnFolds(MLContext ml, string dataset, IDataView data,
        (string Name, IEstimator<ITransformer> Pipeline) ours, (string Name, IEstimator<ITransformer> Pipeline) baseline,
        QualityMetric metric, int folds = 5, int seed = 7)
    {
        Check(ml, dataset, ours, baseline, metric);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        IReadOnlyList<DataOperationsCatalog.TrainTestData> splits = ml.Data.CrossValidationSplit(data, folds, seed: seed);
        var oursValues = new double[splits.Count];
        var baselineValues = new double[splits.Count];
        for (int i = 0; i < splits.Count; i++)
        {
            oursValues[i] = Measure(ml, ours.Pipeline, splits[i].TrainSet, splits[i].TestSet, metric);
            baselineValues[i] = Measure(ml, baseline.Pipeline, splits[i].TrainSet, splits[i].TestSet, metric);
        }
        return new QualityRow(dataset, metric, ours.Name, baseline.Name, oursValues, baselineValues);
    }

    private static double Measure(MLContext ml, IEstimator<ITransformer> pipeline, IDataView train, IDataView test, QualityMetric metric)
        => metric.Compute(ml, pipeline.Fit(train).Transform(test));

    private static void Check(MLContext ml, string dataset, (string Name, IEstimator<ITransformer> Pipeline) ours,
        (string Name, IEstimator<ITransformer> Pipeline) baseline, QualityMetric metric)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(ours.Name, nameof(ours));
        ArgumentNullException.ThrowIfNull(ours.Pipeline, nameof(ours));
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline.Name, nameof(baseline));
        ArgumentNullException.ThrowIfNull(baseline.Pipeline, nameof(baseline));
        ArgumentNullException.ThrowIfNull(metric);
    }
}
