using System;
using Microsoft.ML;

namespace MLNetDiff.Testing.Quality;

/// <summary>
/// The quality bar a contract case declares (<see cref="Contract.ComponentContractCase.Quality"/>): after the case's
/// preprocessing, the component and <paramref name="CreateBaseline"/> (an ML.NET trainer, with whatever it needs, e.g.
/// a normalizer) are cross-validated on the same folds of the case's training rows, and the component's mean
/// <paramref name="Metric"/> must be no worse than the baseline's by more than <paramref name="Margin"/>.
/// </summary>
/// <param name="BaselineName">The baseline, for the table (e.g. "LbfgsLogisticRegression").</param>
/// <param name="CreateBaseline">The baseline estimator, appended to the case's preprocessing.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="Margin">How much worse than the baseline the component may be (finite, ≥ 0); say in the case which
/// measurement it comes from.</param>
/// <param name="Folds">Cross-validation folds (≥ 2).</param>
public sealed record QualityBaseline(string BaselineName, Func<MLContext, IEstimator<ITransformer>> CreateBaseline,
    QualityMetric Metric, double Margin, int Folds = 5);
