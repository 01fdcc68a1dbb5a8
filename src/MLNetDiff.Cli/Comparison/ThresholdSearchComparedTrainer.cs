using System;
using Microsoft.ML;

namespace MLNetDiff.Cli.Comparison;

/// <summary>AnyLoss with its optional threshold search: 20 % of the training rows held out (stratified), the logit
/// threshold that maximises the metric on them folded into Score. Reported as its own row ("AnyLoss-F1+ThresholdSearch"),
/// never in place of the default AnyLoss row.</summary>
internal sealed class ThresholdSearchComparedTrainer(AnyLossSettings settings) : IComparedTrainer
{
    /// <summary>Validation rows used when the settings hold none.</summary>
    public const float DefaultValidationFraction = 0.2f;

    public string Name => settings.AnyLossName + "+ThresholdSearch";

    public ITransformer Fit(IDataView train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ml = new MLContext(seed);
        var options = settings.CreateOptions(seed);
        options.ThresholdSearch = true;
        if (options.ValidationFraction == 0f)
            options.ValidationFraction = DefaultValidationFraction;
        return ml.BinaryClassification.Trainers.AnyLoss(options).Fit(train);
    }
}
