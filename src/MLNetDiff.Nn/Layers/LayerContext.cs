using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// What a layer needs besides its buffers for one forward or backward call: the kernel backend, whether this is
/// a training pass (dropout active), and the (seed, step) pair from which stochastic layers draw their noise.
/// </summary>
/// <remarks>Noise is a pure function of (<see cref="NoiseSeed"/>, <see cref="Step"/>): the backward pass of a
/// step sees the same mask as its forward pass, and a run is reproducible.</remarks>
public readonly struct LayerContext
{
    /// <summary>Creates a context.</summary>
    public LayerContext(KernelBackend backend, bool training, ulong noiseSeed, long step)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Backend = backend;
        Training = training;
        NoiseSeed = noiseSeed;
        Step = step;
    }

    /// <summary>The kernel backend every numeric operation goes through.</summary>
    public KernelBackend Backend { get; }

    /// <summary>True in training passes (stochastic layers are active), false for inference.</summary>
    public bool Training { get; }

    /// <summary>Per-layer seed for stochastic layers (already specific to this layer).</summary>
    public ulong NoiseSeed { get; }

    /// <summary>The optimizer step this pass belongs to; selects the noise block.</summary>
    public long Step { get; }
}
