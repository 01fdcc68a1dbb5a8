using System;
using Microsoft.ML;

namespace MLNetDiff.Cli.Comparison;

/// <summary>The AnyLoss trainer with the metric-matched objective.</summary>
internal sealed class AnyLossComparedTrainer(AnyLossSettings settings) : IComparedTrainer
{
    public string Name => settings.AnyLossName;

    public ITransformer Fit(IDataView train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ml = new MLContext(seed);
        return ml.BinaryClassification.Trainers.AnyLoss(settings.CreateOptions(seed)).Fit(train);
    }
}
