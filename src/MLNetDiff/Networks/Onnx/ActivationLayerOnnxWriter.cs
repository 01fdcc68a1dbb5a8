using System;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary><see cref="ActivationLayer"/>: its activation's nodes.</summary>
internal sealed class ActivationLayerOnnxWriter : IOnnxLayerWriter
{
    public bool CanWrite(Layer layer) => OnnxActivations.CanWrite(((ActivationLayer)layer).Activation);

    public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input)
    {
        var activation = (ActivationLayer)layer;
        return OnnxActivations.Write(context, activation.Activation, activation.Alpha, input);
    }
}
