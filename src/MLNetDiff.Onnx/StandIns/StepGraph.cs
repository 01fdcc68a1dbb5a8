using System;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>Node helpers over ML.NET's <see cref="OnnxContext"/> for the stand-ins: default-domain nodes with one output,
/// constants, casts. Only opset-9 operators and forms (the lowest the converter writes): axes as attributes, no integer
/// Min/Max (12), no GreaterOrEqual (12), no IsInf (10).</summary>
internal sealed class StepGraph(OnnxContext ctx, string prefix)
{
    public OnnxContext Context { get; } = ctx;

    public string Node(string opType, params string[] inputs) => Node(opType, inputs, out _);

    public string Node(string opType, string[] inputs, out OnnxNode node)
    {
        string output = Context.AddIntermediateVariable(null, $"{prefix}_{opType}", skip: true);
        node = Context.CreateNode(opType, inputs, [output], Context.GetNodeName($"{prefix}_{opType}"), string.Empty);
        return output;
    }

    /// <summary>Writes one node into an existing variable (a column's output).</summary>
    public void NodeInto(string opType, string[] inputs, string output) =>
        Context.CreateNode(opType, inputs, [output], Context.GetNodeName($"{prefix}_{opType}"), string.Empty);

    public string Floats(string name, float[] values, params long[] dims) => Context.AddInitializer(values, dims, $"{prefix}_{name}");

    public string Float(string name, float value) => Context.AddInitializer(value, $"{prefix}_{name}");

    public string Double(string name, double value) => Context.AddInitializer(value, $"{prefix}_{name}");

    public string Cast(string x, Type to)
    {
        string y = Node("Cast", [x], out OnnxNode node);
        node.AddAttribute("to", to);
        return y;
    }

    /// <summary>A reduction over one axis, axes as an attribute (opsets up to 17).</summary>
    public string Reduce(string opType, string x, long axis, bool keepDims)
    {
        string y = Node(opType, [x], out OnnxNode node);
        node.AddAttribute("axes", new[] { axis });
        node.AddAttribute("keepdims", keepDims ? 1L : 0L);
        return y;
    }

    /// <summary>Where(IsNaN(x), x, result): ML.NET passes NaN through normalizers and calibrators.</summary>
    public string KeepNaN(string x, string result) => Node("Where", Node("IsNaN", x), x, result);

    /// <summary>True where x is finite: |x| &lt; ∞ (false for NaN and ±∞), without IsInf (opset 10).</summary>
    public string IsFinite(string x) => Node("Less", Node("Abs", x), Float("inf", float.PositiveInfinity));
}
