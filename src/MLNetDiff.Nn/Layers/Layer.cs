using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// A differentiable map from rows of <see cref="InputSize"/> floats to rows of <see cref="OutputSize"/> floats, with a
/// hand-written backward pass. A layer holds only its specification: parameters, gradients, activations and saved
/// state live in buffers the caller (usually <see cref="Sequential"/>) owns and passes in, so one step allocates nothing.
/// </summary>
/// <remarks>
/// All matrices are row-major, one row per example. The contract for implementers:
/// <list type="bullet">
/// <item><see cref="Forward"/> writes <c>output</c> (rows × OutputSize) and may save state for the backward pass in
/// <c>scratch</c> (rows × <see cref="ScratchSizePerRow"/>).</item>
/// <item><see cref="Backward"/> OVERWRITES the layer's parameter gradients with ∂L/∂θ for this batch (it does not
/// accumulate), may overwrite <c>outputGradient</c>, and writes ∂L/∂input into <c>inputGradient</c> unless that span is
/// empty (the first layer of a network skips it).</item>
/// </list>
/// </remarks>
public abstract class Layer
{
    /// <summary>Creates a layer with the given row sizes.</summary>
    protected Layer(int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>Floats per input row.</summary>
    public int InputSize { get; }

    /// <summary>Floats per output row.</summary>
    public int OutputSize { get; }

    /// <summary>Number of trainable parameters (the length of this layer's slice of the network's flat buffer).</summary>
    public virtual int ParameterCount => 0;

    /// <summary>Floats of per-row state saved by <see cref="Forward"/> for <see cref="Backward"/>.</summary>
    public virtual int ScratchSizePerRow => 0;

    /// <summary>Writes initial values into this layer's parameters (no-op for parameter-free layers).</summary>
    /// <param name="parameters">This layer's slice, <see cref="ParameterCount"/> long.</param>
    /// <param name="backend">Kernel backend (its Philox generator draws random values).</param>
    /// <param name="seed">Seed specific to this layer.</param>
    public virtual void InitializeParameters(Span<float> parameters, KernelBackend backend, ulong seed)
    {
    }

    /// <summary>Computes output = f(input; θ) for <paramref name="rows"/> rows.</summary>
    /// <param name="context">Backend, training flag and noise position.</param>
    /// <param name="rows">Rows in this batch.</param>
    /// <param name="parameters">This layer's parameters.</param>
    /// <param name="input">rows × <see cref="InputSize"/>.</param>
    /// <param name="output">rows × <see cref="OutputSize"/>; never aliases <paramref name="input"/>.</param>
    /// <param name="scratch">rows × <see cref="ScratchSizePerRow"/>, kept untouched until the matching backward.</param>
    public abstract void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch);

    /// <summary>Back-propagates ∂L/∂output through the layer (see the class remarks for the contract).</summary>
    /// <param name="context">The same context as the forward call.</param>
    /// <param name="rows">Rows in this batch.</param>
    /// <param name="parameters">This layer's parameters (unchanged since the forward call).</param>
    /// <param name="parameterGradients">Receives ∂L/∂θ (overwritten).</param>
    /// <param name="input">The forward input.</param>
    /// <param name="output">The forward output.</param>
    /// <param name="outputGradient">∂L/∂output; the layer may overwrite it.</param>
    /// <param name="inputGradient">Receives ∂L/∂input; empty to skip.</param>
    /// <param name="scratch">The state saved by the forward call.</param>
    public abstract void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch);
}
