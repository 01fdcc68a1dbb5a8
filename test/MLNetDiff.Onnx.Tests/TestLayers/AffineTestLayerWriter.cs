using System;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Onnx.Tests.TestLayers;

/// <summary>The ONNX writer of <see cref="AffineTestLayer"/>, registered with <see cref="OnnxLayerWriters.Register{TLayer}"/>.</summary>
internal sealed class AffineTestLayerWriter : IOnnxLayerWriter
{
    public bool CanWrite(Layer layer) => true;

    public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input) =>
        context.Node("Sub", context.Node("Mul", input, context.Scalar("scale", 1.5f)), context.Scalar("shift", 0.25f));
}
