using System;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Networks.Onnx;

/// <summary>
/// ML.NET's <see cref="OnnxContext"/> (the graph ML.NET's converter is building) with the few helpers layer writers
/// need: standard-domain nodes with one output, float initializers, and names prefixed by the layer's position so a
/// graph reads like the network. Names are made unique by the context.
/// </summary>
internal sealed class OnnxLayerContext
{
    public OnnxLayerContext(OnnxContext onnx, string prefix)
    {
        Onnx = onnx ?? throw new ArgumentNullException(nameof(onnx));
        Prefix = prefix;
    }

    /// <summary>The underlying context, for anything the helpers do not cover.</summary>
    public OnnxContext Onnx { get; }

    /// <summary>Name prefix of this layer's nodes and tensors (e.g. <c>AnyLoss_L2</c>).</summary>
    public string Prefix { get; }

    /// <summary>Adds a default-domain (<c>ai.onnx</c>) node and returns its single output.</summary>
    public string Node(string opType, params string[] inputs) => Node(opType, inputs, out _);

    /// <summary>Adds a default-domain node and returns its single output; <paramref name="node"/> takes attributes.</summary>
    public string Node(string opType, string[] inputs, out OnnxNode node)
    {
        string output = Onnx.AddIntermediateVariable(null, $"{Prefix}_{opType}", skip: true);
        // An empty domain is ONNX's default domain; ML.NET's null would mean ai.onnx.ml.
        node = Onnx.CreateNode(opType, inputs, [output], Onnx.GetNodeName($"{Prefix}_{opType}"), string.Empty);
        return output;
    }

    /// <summary>A float tensor initializer with the given shape.</summary>
    public string Tensor(string name, ReadOnlySpan<float> values, params long[] dims) =>
        Onnx.AddInitializer(values.ToArray(), dims, $"{Prefix}_{name}");

    /// <summary>A float scalar initializer (broadcasts against any tensor).</summary>
    public string Scalar(string name, float value) => Onnx.AddInitializer(value, $"{Prefix}_{name}");
}
