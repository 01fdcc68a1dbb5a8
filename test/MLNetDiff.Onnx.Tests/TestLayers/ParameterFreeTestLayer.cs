using System;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Onnx.Tests.TestLayers;

/// <summary>A parameter-free element-wise layer y = f(x) defined outside the engine, as a component would add one.</summary>
public abstract class ParameterFreeTestLayer(int size) : Layer(size, size)
{
    protected abstract float Apply(float x);

    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input,
        Span<float> output, Span<float> scratch)
    {
        for (int i = 0; i < rows * InputSize; i++)
            output[i] = Apply(input[i]);
    }

    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters, Span<float> parameterGradients,
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch) =>
        throw new NotSupportedException("Inference-only test layer.");

    public override string ToString() => GetType().Name;
}
