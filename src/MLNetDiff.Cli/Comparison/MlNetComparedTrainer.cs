using System;
using Microsoft.ML;

namespace MLNetDiff.Cli.Comparison;

/// <summary>An ML.NET estimator built afresh for each fit by <paramref name="create"/> from an MLContext seeded with the
/// fold's seed.</summary>
internal sealed class MlNetComparedTrainer(string name, Func<MLContext, IEstimator<ITransformer>> create) : IComparedTrainer
{
    public string Name => name;

    public ITransformer Fit(IDataView train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ml = new MLContext(seed);
        return create(ml).Fit(train);
    }
}
