using System;
using System.IO;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Layers;

/// <summary>A parameter-free element-wise activation, y = act(x), for use where it cannot be fused into a
/// <see cref="Linear"/> layer (e.g. after <see cref="LayerNorm"/>).</summary>
public sealed class ActivationLayer : Layer
{
    /// <summary>Creates an activation layer over rows of <paramref name="size"/> floats.</summary>
    /// <param name="size">Floats per row (input and output).</param>
    /// <param name="activation">The activation.</param>
    /// <param name="alpha">Leaky ReLU slope for negative inputs; ignored by other activations.</param>
    public ActivationLayer(int size, Activation activation, float alpha = 0.01f)
        : base(size, size)
    {
        if ((uint)activation > (uint)Activation.Tanh)
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        if (!float.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The activation slope must be finite.");
        Activation = activation;
        Alpha = activation == Activation.LeakyRelu ? alpha : 0f;
    }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>Leaky ReLU slope (0 for other activations).</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
        => context.Backend.BiasActivationForward(Activation, Alpha, rows, InputSize, input, default, output);

    /// <inheritdoc/>
    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = rows * InputSize;
        context.Backend.BiasActivationBackward(Activation, Alpha, rows, InputSize, input.Slice(0, count),
            output.Slice(0, count), outputGradient.Slice(0, count), inputGradient, default);
    }

    internal void WriteSpecification(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write((int)Activation);
        writer.Write(Alpha);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Activation}({InputSize})";
}
