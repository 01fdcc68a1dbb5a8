using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// A feed-forward network: layers applied in order. All parameters live in ONE flat float buffer and all gradients in
/// ONE flat buffer of the same length (each layer owns a contiguous slice, in layer order), so an optimizer updates the
/// whole network with one fused kernel call.
/// </summary>
/// <remarks>Not thread-safe for training: <see cref="Forward"/> and <see cref="Backward"/> use the network's own
/// <see cref="NetworkWorkspace"/>. <see cref="Predict"/> with a separate workspace per thread is safe.</remarks>
public sealed class Sequential
{
    private readonly Layer[] _layers;
    private readonly int[] _offsets;
    private readonly ulong[] _noiseSeeds;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private KernelBackend _backend;
    private ulong _noiseSeed;
    private NetworkWorkspace? _workspace;

    /// <summary>Creates a network from layers whose sizes chain (each input size equals the previous output size).
    /// Parameters start at zero; call <see cref="Initialize"/>.</summary>
    /// <param name="layers">The layers, first to last (at least one).</param>
    /// <param name="backend">Kernel backend; <see cref="KernelBackends.Default"/> when null.</param>
    public Sequential(IEnumerable<Layer> layers, KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        _offsets = new int[_layers.Length + 1];
        long total = 0;
        for (int i = 0; i < _layers.Length; i++)
        {
            Layer layer = _layers[i] ?? throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            if (i > 0 && layer.InputSize != _layers[i - 1].OutputSize)
                throw new ArgumentException(
                    $"Layer {i} ({layer}) expects {layer.InputSize} inputs but layer {i - 1} ({_layers[i - 1]}) produces {_layers[i - 1].OutputSize}.",
                    nameof(layers));
            _offsets[i] = (int)total;
            total += layer.ParameterCount;
            if (total > Array.MaxLength)
                throw new ArgumentException("The network has too many parameters for one buffer.", nameof(layers));
        }
        _offsets[_layers.Length] = (int)total;
        _parameters = new float[total];
        _gradients = new float[total];
        _noiseSeeds = new ulong[_layers.Length];
        _backend = backend ?? KernelBackends.Default;
        Layers = new ReadOnlyCollection<Layer>(_layers);
        NoiseSeed = 0;
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Floats per input row.</summary>
    public int InputSize => _layers[0].InputSize;

    /// <summary>Floats per output row.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>Total number of parameters.</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>The flat parameter buffer (layer slices in order; see each layer for its layout).</summary>
    public Span<float> Parameters => _parameters;

    /// <summary>The flat gradient buffer, filled by <see cref="Backward"/>; same layout as <see cref="Parameters"/>.</summary>
    public Span<float> Gradients => _gradients;

    /// <summary>The kernel backend used by every layer.</summary>
    public KernelBackend Backend
    {
        get => _backend;
        set => _backend = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Seed of stochastic layers (dropout); each layer derives its own stream from it.</summary>
    public ulong NoiseSeed
    {
        get => _noiseSeed;
        set
        {
            _noiseSeed = value;
            for (int i = 0; i < _noiseSeeds.Length; i++)
                _noiseSeeds[i] = SeedMixer.Mix(value, SeedMixer.NoiseStream, (ulong)i);
        }
    }

    /// <summary>Offset of layer <paramref name="index"/>'s slice in <see cref="Parameters"/>.</summary>
    public int GetParameterOffset(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_layers.Length, nameof(index));
        return _offsets[index];
    }

    /// <summary>Layer <paramref name="index"/>'s parameters.</summary>
    public Span<float> GetLayerParameters(int index) =>
        _parameters.AsSpan(GetParameterOffset(index), _layers[index].ParameterCount);

    /// <summary>Layer <paramref name="index"/>'s gradients.</summary>
    public Span<float> GetLayerGradients(int index) =>
        _gradients.AsSpan(GetParameterOffset(index), _layers[index].ParameterCount);

    /// <summary>Initialises every layer's parameters from <paramref name="seed"/> (and sets <see cref="NoiseSeed"/> to
    /// a stream derived from it). The result is bit-identical for the same seed on every backend.</summary>
    public void Initialize(ulong seed)
    {
        for (int i = 0; i < _layers.Length; i++)
            _layers[i].InitializeParameters(GetLayerParameters(i), _backend, SeedMixer.Mix(seed, SeedMixer.InitializationStream, (ulong)i));
        _gradients.AsSpan().Clear();
        NoiseSeed = SeedMixer.Mix(seed, SeedMixer.NoiseStream);
    }

    /// <summary>A workspace for <see cref="Predict"/> on another thread.</summary>
    public NetworkWorkspace CreateWorkspace(int capacity = 1024) => new(this, capacity);

    /// <summary>The network's own workspace, grown to at least <paramref name="rows"/> rows.</summary>
    public NetworkWorkspace GetWorkspace(int rows)
    {
        _workspace ??= new NetworkWorkspace(this, rows);
        _workspace.EnsureCapacity(rows);
        return _workspace;
    }

    /// <summary>Runs the network on <paramref name="rows"/> rows and returns the output (rows × <see cref="OutputSize"/>),
    /// a view of the workspace valid until the next call.</summary>
    /// <param name="input">rows × <see cref="InputSize"/>; must stay unchanged until <see cref="Backward"/>.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="training">True to activate stochastic layers and keep state for the backward pass.</param>
    /// <param name="step">Noise position (the optimizer step); stochastic layers draw fresh noise per step.</param>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int rows, bool training, long step = 0) =>
        RunForward(GetWorkspace(rows), input, rows, training, step);

    /// <summary>Back-propagates <paramref name="outputGradient"/> (∂L/∂output, rows × <see cref="OutputSize"/>) through
    /// the last <see cref="Forward"/> call and OVERWRITES <see cref="Gradients"/> with ∂L/∂θ.</summary>
    /// <param name="input">The same input that was passed to <see cref="Forward"/>.</param>
    /// <param name="outputGradient">∂L/∂output.</param>
    /// <param name="rows">Rows of the forward call.</param>
    /// <param name="inputGradient">Receives ∂L/∂input (rows × <see cref="InputSize"/>); empty to skip that work.</param>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> inputGradient = default)
    {
        NetworkWorkspace ws = _workspace ?? throw new InvalidOperationException("Backward was called before Forward.");
        BackwardInto(ws, input, outputGradient, rows, inputGradient, _gradients);
    }

    /// <summary>Forward pass of a data-parallel shard: rows <paramref name="rowOffset"/>… of the batch, in
    /// <paramref name="ws"/> (one workspace per concurrently running shard).</summary>
    internal ReadOnlySpan<float> ForwardShard(NetworkWorkspace ws, ReadOnlySpan<float> input, int rows, long step, int rowOffset)
    {
        ws.EnsureCapacity(rows);
        return RunForward(ws, input, rows, true, step, rowOffset);
    }

    /// <summary>Backward pass of a data-parallel shard into <paramref name="gradients"/> (overwritten; same layout as
    /// <see cref="Gradients"/>).</summary>
    internal void BackwardShard(NetworkWorkspace ws, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> gradients) => BackwardInto(ws, input, outputGradient, rows, default, gradients);

    private void BackwardInto(NetworkWorkspace ws, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> inputGradient, Span<float> gradients)
    {
        if (ws.ForwardRows != rows)
            throw new InvalidOperationException($"Backward was called for {rows} rows but the last forward pass had {ws.ForwardRows}.");
        CheckLength(input, rows, InputSize, nameof(input));
        CheckLength(outputGradient, rows, OutputSize, nameof(outputGradient));
        if (!inputGradient.IsEmpty)
            CheckLength(inputGradient, rows, InputSize, nameof(inputGradient));

        float[] current = ws.GradientA, other = ws.GradientB;
        outputGradient.Slice(0, rows * OutputSize).CopyTo(current);
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            Layer layer = _layers[i];
            var context = new LayerContext(_backend, ws.ForwardTraining, _noiseSeeds[i], ws.ForwardStep, ws.ForwardRowOffset);
            ReadOnlySpan<float> layerInput = i == 0 ? input : ws.Outputs[i - 1];
            Span<float> dInput = i == 0 ? inputGradient : other.AsSpan(0, rows * layer.InputSize);
            layer.Backward(context, rows, _parameters.AsSpan(_offsets[i], layer.ParameterCount),
                gradients.Slice(_offsets[i], layer.ParameterCount), layerInput, ws.Outputs[i],
                current.AsSpan(0, rows * layer.OutputSize), dInput, ws.Scratch[i]);
            (current, other) = (other, current);
        }
    }

    /// <summary>Inference (stochastic layers off) on any number of rows, in chunks of the workspace capacity.</summary>
    /// <param name="input">rows × <see cref="InputSize"/>.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="output">Receives rows × <see cref="OutputSize"/>.</param>
    /// <param name="workspace">A workspace from <see cref="CreateWorkspace"/> (required when calling from several threads);
    /// null uses the network's own.</param>
    public void Predict(ReadOnlySpan<float> input, int rows, Span<float> output, NetworkWorkspace? workspace = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        CheckLength(input, rows, InputSize, nameof(input));
        CheckLength(output, rows, OutputSize, nameof(output));
        NetworkWorkspace ws = workspace ?? GetWorkspace(Math.Min(Math.Max(rows, 1), 1024));
        if (!ws.BelongsTo(this))
            throw new ArgumentException("The workspace was created by another network.", nameof(workspace));
        int chunk = ws.Capacity;
        for (int start = 0; start < rows; start += chunk)
        {
            int n = Math.Min(chunk, rows - start);
            ReadOnlySpan<float> y = RunForward(ws, input.Slice(start * InputSize, n * InputSize), n, false, 0);
            y.CopyTo(output.Slice(start * OutputSize, n * OutputSize));
        }
    }

    /// <summary>Copies parameters from <paramref name="source"/> (length <see cref="ParameterCount"/>).</summary>
    public void SetParameters(ReadOnlySpan<float> source)
    {
        if (source.Length != _parameters.Length)
            throw new ArgumentException($"Expected {_parameters.Length} parameters, got {source.Length}.", nameof(source));
        source.CopyTo(_parameters);
    }

    /// <summary>A new network with the same (immutable) layers, a copy of the parameters, the same backend and noise seed.</summary>
    public Sequential Clone()
    {
        var copy = new Sequential(_layers, _backend) { NoiseSeed = _noiseSeed };
        _parameters.CopyTo(copy._parameters);
        return copy;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" → ", (IEnumerable<Layer>)_layers);

    private ReadOnlySpan<float> RunForward(NetworkWorkspace ws, ReadOnlySpan<float> input, int rows, bool training, long step,
        int rowOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        CheckLength(input, rows, InputSize, nameof(input));
        ws.EnsureCapacity(rows);
        ReadOnlySpan<float> current = input;
        for (int i = 0; i < _layers.Length; i++)
        {
            Layer layer = _layers[i];
            var context = new LayerContext(_backend, training, _noiseSeeds[i], step, rowOffset);
            Span<float> output = ws.Outputs[i].AsSpan(0, rows * layer.OutputSize);
            layer.Forward(context, rows, _parameters.AsSpan(_offsets[i], layer.ParameterCount), current, output, ws.Scratch[i]);
            current = output;
        }
        ws.ForwardRows = rows;
        ws.ForwardTraining = training;
        ws.ForwardStep = step;
        ws.ForwardRowOffset = rowOffset;
        return current;
    }

    private static void CheckLength(ReadOnlySpan<float> span, int rows, int width, string name)
    {
        long needed = (long)rows * width;
        if (span.Length < needed)
            throw new ArgumentException($"'{name}' holds {span.Length} floats but {rows} rows × {width} = {needed} are needed.", name);
    }
}
