using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// What a layer needs besides its buffers for one forward or backward call: the kernel backend, whether this is
/// a training pass (dropout active), and the (seed, step) pair from which stochastic layers draw their noise.
/// </summary>
/// <remarks>Noise is a pure function of (<see cref="NoiseSeed"/>, <see cref="Step"/>, batch row): the backward pass of a
/// step sees the same mask as its forward pass, a run is reproducible, and sharding a batch changes nothing.</remarks>
public readonly struct LayerContext
{
    /// <summary>Creates a context.</summary>
    public LayerContext(KernelBackend backend, bool training, ulong noiseSeed, long step)
        : this(backend, training, noiseSeed, step, 0)
    {
    }

    /// <summary>Creates a context for a pass over rows that start at <paramref name="rowOffset"/> within the batch
    /// (a data-parallel shard).</summary>
    public LayerContext(KernelBackend backend, bool training, ulong noiseSeed, long step, int rowOffset)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(rowOffset);
        Backend = backend;
        Training = training;
        NoiseSeed = noiseSeed;
        Step = step;
        RowOffset = rowOffset;
    }

    /// <summary>The kernel backend every numeric operation goes through.</summary>
    public KernelBackend Backend { get; }

    /// <summary>True in training passes (stochastic layers are active), false for inference.</summary>
    public bool Training { get; }

    /// <summary>Per-layer seed for stochastic layers (already specific to this layer).</summary>
    public ulong NoiseSeed { get; }

    /// <summary>The optimizer step this pass belongs to; selects the noise block.</summary>
    public long Step { get; }

    /// <summary>Index, within the whole batch, of the first row of this pass (non-zero for every data-parallel shard
    /// but the first). Stochastic layers draw the noise of row r at position <c>RowOffset + r</c>, so noise does not
    /// depend on how a batch is sharded.</summary>
    public int RowOffset { get; }
}
