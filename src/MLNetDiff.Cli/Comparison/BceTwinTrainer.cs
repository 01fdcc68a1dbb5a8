using System;
using Microsoft.ML;
using MLNetDiff.Classification;

namespace MLNetDiff.Cli.Comparison;

/// <summary>
/// The AnyLoss network trained with binary cross-entropy: the AnyLoss trainer itself with
/// <c>Options.Loss = BinaryCrossEntropy</c> (a public option), on the options of <see cref="AnyLossSettings.CreateOptions"/> and the same
/// seed. Everything but the loss is therefore AnyLoss's: network shape and initial weights, epochs, batch size, Adam
/// learning rate, L2, standardisation, stratified batch order, validation split (none by default) and early stopping,
/// which (when validation rows exist) watches the same metric as AnyLoss, not the BCE loss.
/// </summary>
internal sealed class BceTwinTrainer(AnyLossSettings settings) : IComparedTrainer
{
    public string Name => settings.BceName;

    public ITransformer Fit(IDataView train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ml = new MLContext(seed);
        AnyLossTrainer.Options options = settings.CreateOptions(seed);
        options.Loss = AnyLossTrainingLoss.BinaryCrossEntropy;
        return ml.BinaryClassification.Trainers.AnyLoss(options).Fit(train);
    }
}
