namespace MLNetDiff.Metrics.Calibration;

/// <summary>One bin of a reliability diagram: the confidences in (<see cref="Lower"/>, <see cref="Upper"/>] (the first
/// bin also holds <see cref="Lower"/> itself), how many there are, their mean and the observed frequency of the outcome.</summary>
/// <param name="Lower">The bin's lower edge.</param>
/// <param name="Upper">The bin's upper edge.</param>
/// <param name="Count">How many confidences fell into the bin.</param>
/// <param name="MeanConfidence">The mean predicted probability in the bin; NaN when the bin is empty.</param>
/// <param name="Accuracy">The share of the bin's rows whose outcome happened (for top-label bins: the prediction was
/// right); NaN when the bin is empty.</param>
public readonly record struct ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy)
{
    /// <summary>Accuracy − mean confidence: negative when the model is over-confident in this bin; NaN when empty.</summary>
    public double Gap => Accuracy - MeanConfidence;
}
