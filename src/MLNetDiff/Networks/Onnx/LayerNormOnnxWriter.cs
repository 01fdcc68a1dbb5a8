using System;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary><see cref="LayerNorm"/>: (x − mean)/√(var + ε), then γ·y + β when affine, over each row. Written as
/// ReduceMean/Sub/Mul/Add/Sqrt/Div: ONNX's LayerNormalization operator is opset 17, beyond the 12 ML.NET's converter
/// declares. ReduceMean takes its axes as an attribute up to opset 17, which covers every opset the converter writes.</summary>
internal sealed class LayerNormOnnxWriter : IOnnxLayerWriter
{
    public bool CanWrite(Layer layer) => true;

    public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input)
    {
        var norm = (LayerNorm)layer;
        string mean = RowMean(context, input);
        string d = context.Node("Sub", input, mean);
        string variance = RowMean(context, context.Node("Mul", d, d));
        string std = context.Node("Sqrt", context.Node("Add", variance, context.Scalar("eps", norm.Epsilon)));
        string y = context.Node("Div", d, std);
        if (!norm.Affine)
            return y;
        string gamma = context.Tensor("gamma", parameters.Slice(0, norm.InputSize), norm.InputSize);
        string beta = context.Tensor("beta", parameters.Slice(norm.InputSize, norm.InputSize), norm.InputSize);
        return context.Node("Add", context.Node("Mul", y, gamma), beta);
    }

    private static string RowMean(OnnxLayerContext context, string x)
    {
        string mean = context.Node("ReduceMean", [x], out OnnxNode node);
        node.AddAttribute("axes", new long[] { 1 });
        node.AddAttribute("keepdims", 1L);
        return mean;
    }
}
