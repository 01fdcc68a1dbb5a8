namespace MLNetDiff.Clustering.Clam;

/// <summary>The progress callback's report at the end of an epoch of a ClAM fit.</summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">The epoch limit.</param>
/// <param name="Loss">The epoch loss: the sum of its batch losses (the reference's quantity, B4.4).</param>
/// <param name="LearningRate">The learning rate the next epoch uses.</param>
/// <param name="BestEpoch">1-based epoch of the lowest loss so far, whose prototypes the fit returns.</param>
/// <param name="BestLoss">That loss.</param>
internal readonly record struct ClamEpochReport(int Epoch, int Epochs, double Loss, double LearningRate, int BestEpoch,
    double BestLoss);
