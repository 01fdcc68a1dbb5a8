using System;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary><see cref="Linear"/>: MatMul with the inputs × outputs row-major weights (the engine's layout is MatMul's),
/// Add of the bias, then the fused activation.</summary>
internal sealed class LinearOnnxWriter : IOnnxLayerWriter
{
    public bool CanWrite(Layer layer) => OnnxActivations.CanWrite(((Linear)layer).Activation);

    public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input)
    {
        var linear = (Linear)layer;
        string w = context.Tensor("W", parameters.Slice(0, linear.WeightCount), linear.InputSize, linear.OutputSize);
        string x = context.Node("MatMul", input, w);
        if (linear.HasBias)
            x = context.Node("Add", x, context.Tensor("b", parameters.Slice(linear.WeightCount, linear.OutputSize), linear.OutputSize));
        return OnnxActivations.Write(context, linear.Activation, linear.ActivationAlpha, x);
    }
}
