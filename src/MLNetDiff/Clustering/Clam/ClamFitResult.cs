using System.Numerics;

namespace MLNetDiff.Clustering.Clam;

/// <summary>What a ClAM fit returns.</summary>
/// <param name="Prototypes">ρ of the epoch with the lowest loss (K×d row-major, B4.5).</param>
/// <param name="BestEpoch">1-based epoch of those prototypes.</param>
/// <param name="BestLoss">Its epoch loss (sum of batch losses): what restarts compare (B6).</param>
/// <param name="EpochLosses">Every epoch's loss, in order.</param>
/// <param name="FinalLearningRate">The learning rate after the last epoch's schedule update.</param>
/// <param name="StopReason">Why it ended.</param>
internal sealed record ClamFitResult<T>(T[] Prototypes, int BestEpoch, double BestLoss, double[] EpochLosses,
    double FinalLearningRate, ClamStopReason StopReason)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Epochs that ran.</summary>
    public int EpochsRun => EpochLosses.Length;
}
