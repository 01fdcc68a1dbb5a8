using System;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks;

/// <summary>An engine network as ONNX nodes inside the graph ML.NET's converter is building: each layer through its
/// registered writer (<see cref="OnnxLayerWriters"/>), in order.</summary>
internal static class OnnxNetworkWriter
{
    /// <summary>The first layer that cannot be written (index and description), or null when all can.</summary>
    public static string? FindUnwritableLayer(Sequential network)
    {
        for (int i = 0; i < network.Layers.Count; i++)
        {
            Layer layer = network.Layers[i];
            IOnnxLayerWriter? writer = OnnxLayerWriters.Find(layer);
            if (writer is null)
                return $"layer {i} ({layer}) has no ONNX writer";
            if (!writer.CanWrite(layer))
                return $"layer {i} ({layer}) has no ONNX form";
        }
        return null;
    }

    /// <summary>Writes the network reading <paramref name="input"/> ([N, InputSize]) into the variable
    /// <paramref name="output"/> ([N, OutputSize]).</summary>
    public static void Write(OnnxContext ctx, Sequential network, string prefix, string input, string output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string? problem = FindUnwritableLayer(network);
        if (problem is not null)
            throw new NotSupportedException($"ONNX export of {prefix}: {problem}.");
        string x = input;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            Layer layer = network.Layers[i];
            var context = new OnnxLayerContext(ctx, $"{prefix}_L{i}");
            x = OnnxLayerWriters.Find(layer)!.Write(context, layer, network.GetLayerParameters(i), x);
        }
        ctx.CreateNode("Identity", x, output, ctx.GetNodeName($"{prefix}_Output"), string.Empty);
    }
}
