using System;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// The per-batch buffers of one <see cref="Sequential"/> network: every layer's output and saved state, and two
/// ping-pong gradient buffers. Allocated for a row capacity and reused, so steady-state steps allocate nothing.
/// </summary>
/// <remarks>A network owns one workspace for training; each thread that runs <see cref="Sequential.Predict"/>
/// concurrently needs its own (see <see cref="Sequential.CreateWorkspace"/>). Parameters are only read by
/// inference, so concurrent predictions with separate workspaces are safe.</remarks>
public sealed class NetworkWorkspace
{
    private readonly Sequential _network;

    internal NetworkWorkspace(Sequential network, int capacity)
    {
        _network = network;
        int layers = network.Layers.Count;
        Outputs = new float[layers][];
        Scratch = new float[layers][];
        GradientA = [];
        GradientB = [];
        Outputs.AsSpan().Fill([]);
        Scratch.AsSpan().Fill([]);
        EnsureCapacity(Math.Max(1, capacity));
    }

    /// <summary>Rows the buffers currently hold.</summary>
    public int Capacity { get; private set; }

    internal float[][] Outputs { get; }

    internal float[][] Scratch { get; }

    internal float[] GradientA { get; private set; }

    internal float[] GradientB { get; private set; }

    /// <summary>Rows of the last forward pass (−1 before the first); the backward pass must match it.</summary>
    internal int ForwardRows { get; set; } = -1;

    internal bool ForwardTraining { get; set; }

    internal long ForwardStep { get; set; }

    /// <summary>Batch row index of the last forward pass's first row (data-parallel shards).</summary>
    internal int ForwardRowOffset { get; set; }

    internal bool BelongsTo(Sequential network) => ReferenceEquals(network, _network);

    /// <summary>Grows the buffers to hold at least <paramref name="rows"/> rows (never shrinks).</summary>
    public void EnsureCapacity(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (rows <= Capacity)
            return;
        var layers = _network.Layers;
        int widest = _network.InputSize;
        for (int i = 0; i < layers.Count; i++)
        {
            Layer layer = layers[i];
            Outputs[i] = new float[checked(rows * layer.OutputSize)];
            Scratch[i] = layer.ScratchSizePerRow == 0 ? [] : new float[checked(rows * layer.ScratchSizePerRow)];
            widest = Math.Max(widest, layer.OutputSize);
        }
        GradientA = new float[checked(rows * widest)];
        GradientB = new float[checked(rows * widest)];
        Capacity = rows;
        ForwardRows = -1;
    }
}
