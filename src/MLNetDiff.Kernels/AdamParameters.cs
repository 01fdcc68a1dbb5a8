namespace MLNetDiff.Kernels;

/// <summary>
/// One fused Adam/AdamW step (see <see cref="KernelBackend.AdamUpdate"/>). <see cref="Step"/> is 1-based:
/// the number of updates including this one, used for bias correction.
/// </summary>
public readonly record struct AdamParameters(
    float LearningRate,
    float Beta1,
    float Beta2,
    float Epsilon,
    float WeightDecay,
    bool Decoupled,
    long Step);
