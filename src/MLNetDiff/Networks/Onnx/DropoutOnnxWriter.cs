using System;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary><see cref="Dropout"/>: nothing at inference (the engine's dropout is inverted: it scales while training, so
/// inference is the identity).</summary>
internal sealed class DropoutOnnxWriter : IOnnxLayerWriter
{
    public bool CanWrite(Layer layer) => true;

    public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input) => input;
}
