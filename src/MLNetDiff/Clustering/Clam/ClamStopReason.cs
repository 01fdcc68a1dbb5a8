namespace MLNetDiff.Clustering.Clam;

/// <summary>Why a ClAM fit ended.</summary>
internal enum ClamStopReason
{
    /// <summary>All <see cref="ClamFitOptions.Epochs"/> ran.</summary>
    EpochLimit = 0,

    /// <summary>The plateau schedule took the learning rate below <see cref="ClamFitOptions.MinLearningRate"/> (B4.4).</summary>
    LearningRateFloor = 1,

    /// <summary><see cref="ClamFitOptions.EarlyStoppingPatience"/> epochs passed without a new lowest epoch loss.</summary>
    NoImprovement = 2,
}
