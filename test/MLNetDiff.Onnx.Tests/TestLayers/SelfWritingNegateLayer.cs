using System;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Onnx.Tests.TestLayers;

/// <summary>y = −x, a layer that writes its own ONNX nodes (<see cref="IOnnxWritableLayer"/>): no registration.</summary>
internal sealed class SelfWritingNegateLayer(int size) : ParameterFreeTestLayer(size), IOnnxWritableLayer
{
    protected override float Apply(float x) => -x;

    public bool CanWriteOnnx => true;

    public string WriteOnnx(OnnxLayerContext context, ReadOnlySpan<float> parameters, string input) => context.Node("Neg", input);
}
