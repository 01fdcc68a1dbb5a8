using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>One trainer of <c>compare clustering</c>: its name, an estimator on the <c>Features</c> column for k clusters
/// and a seed, and how to read the prototypes (centers) of the fitted model, one per cluster in the model's cluster order
/// (the <c>PredictedLabel</c> key − 1), in the space of the features it was fitted on.</summary>
internal sealed class ClusteringTrainer
{
    private readonly Func<MLContext, int, int, IEstimator<ITransformer>> _create;
    private readonly Func<ITransformer, float[][]> _prototypes;

    /// <param name="name">Row name in the report and the value of --plot-trainer.</param>
    /// <param name="create">(context, k, seed) → the estimator, reading the <c>Features</c> column only.</param>
    /// <param name="prototypes">The fitted transformer → its prototypes.</param>
    public ClusteringTrainer(string name, Func<MLContext, int, int, IEstimator<ITransformer>> create, Func<ITransformer, float[][]> prototypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(prototypes);
        Name = name;
        _create = create;
        _prototypes = prototypes;
    }

    public string Name { get; }

    public IEstimator<ITransformer> Create(MLContext ml, int clusters, int seed) => _create(ml, clusters, seed);

    public float[][] Prototypes(ITransformer fitted) => _prototypes(fitted);

    /// <summary>A trainer whose fitted transformer is ML.NET's standard <see cref="ClusteringPredictionTransformer{TModel}"/>
    /// (KMeans, and every clustering component of MLNetDiff): the prototypes are read from its model.</summary>
    public static ClusteringTrainer Of<TModel>(string name, Func<MLContext, int, int, IEstimator<ClusteringPredictionTransformer<TModel>>> create,
        Func<TModel, float[][]> prototypes)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(prototypes);
        return new ClusteringTrainer(name, (ml, k, seed) => create(ml, k, seed), fitted => fitted is ClusteringPredictionTransformer<TModel> t
            ? prototypes(t.Model)
            : throw new InvalidOperationException($"{name} fitted a {fitted.GetType().Name}, not a clustering prediction transformer of {typeof(TModel).Name}."));
    }
}
