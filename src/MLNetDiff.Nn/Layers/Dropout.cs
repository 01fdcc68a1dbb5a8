using System;
using System.IO;
using System.Numerics.Tensors;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// Inverted dropout: in training, each element is zeroed with probability <see cref="Rate"/> and the survivors are
/// scaled by 1/(1 − rate); at inference it is the identity.
/// </summary>
/// <remarks>The mask comes from the kernel's Philox generator keyed by the layer's noise seed, at counter offset
/// step·2³² + (batch row)·size, so it is a pure function of (seed, step, batch row): reproducible, the same in the
/// backward pass, and independent of data-parallel sharding (<see cref="LayerContext.RowOffset"/>). The mask
/// (0 or 1/(1 − rate) per element) is kept in scratch.</remarks>
public sealed class Dropout : Layer
{
    /// <summary>Creates a dropout layer.</summary>
    /// <param name="size">Floats per row.</param>
    /// <param name="rate">Drop probability in [0, 1).</param>
    public Dropout(int size, float rate)
        : base(size, size)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        Rate = rate;
    }

    /// <summary>Probability that an element is dropped.</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    public override int ScratchSizePerRow => InputSize;

    /// <inheritdoc/>
    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        int count = rows * InputSize;
        if (!context.Training || Rate == 0f)
        {
            input.Slice(0, count).CopyTo(output);
            return;
        }
        Span<float> mask = scratch.Slice(0, count);
        context.Backend.RandomUniform(context.NoiseSeed,
            ((ulong)context.Step << 32) + (ulong)context.RowOffset * (ulong)InputSize, mask);
        float keepScale = 1f / (1f - Rate);
        float rate = Rate;
        for (int i = 0; i < mask.Length; i++)
            mask[i] = mask[i] < rate ? 0f : keepScale;
        TensorPrimitives.Multiply(input.Slice(0, count), mask, output.Slice(0, count));
    }

    /// <inheritdoc/>
    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = rows * InputSize;
        if (!context.Training || Rate == 0f)
            outputGradient.Slice(0, count).CopyTo(inputGradient);
        else
            TensorPrimitives.Multiply(outputGradient.Slice(0, count), scratch.Slice(0, count), inputGradient.Slice(0, count));
    }

    internal void WriteSpecification(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(Rate);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout({InputSize}, p={Rate})";
}
