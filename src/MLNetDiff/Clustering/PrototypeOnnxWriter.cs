using System;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>
/// The ONNX nodes of a <see cref="PrototypeModel"/> (opset 9 operators; docs/clustering.md, "ONNX"): Sub μ, Mul s, the
/// map's nodes, then the squared distances as differences (Unsqueeze to [N, 1, d], Sub Ω [K, d], Mul, ReduceSum over d),
/// not as ‖z‖² − 2zΩᵀ + ‖Ω‖²: the expansion cancels near a prototype, and its few ulps would make ONNX Runtime's scores
/// and labels drift from ML.NET's. PredictedLabel = ArgMin + 1 as uint32: ML.NET's key is 1-based (ML.NET's own KMeans
/// export forgets the + 1, docs/onnx.md).
/// </summary>
internal static class PrototypeOnnxWriter
{
    public static void Write(OnnxContext ctx, PrototypeModel model, string prefix, string featureColumn, string[] outputNames)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (outputNames.Length == 0)
            throw new ArgumentException("ML.NET passed no output names to the clustering model's ONNX writer.", nameof(outputNames));
        ctx.CheckOpSetVersion(9, prefix);
        int d = model.FeatureCount, k = model.ClusterCount;
        var layer = new OnnxLayerContext(ctx, prefix);
        string centred = layer.Node("Sub", featureColumn, layer.Tensor("Mean", model.Mean, 1, d));
        string z = layer.Node("Mul", centred, layer.Tensor("Scale", model.Scale, 1, d));
        string mapped = model.Map.WriteOnnx(new OnnxLayerContext(ctx, $"{prefix}_{model.Map.Name}"), z, d);
        string rows = layer.Node("Unsqueeze", [mapped], out OnnxNode unsqueeze);
        unsqueeze.AddAttribute("axes", new long[] { 1 });
        string differences = layer.Node("Sub", rows, layer.Tensor("Prototypes", model.Prototypes, k, model.ModelDimension));
        string squares = layer.Node("Mul", differences, differences);

        // ML.NET passes [PredictedLabel, Score] to a clustering model (as it does to KMeans), or [Score] alone.
        string score = outputNames.Length >= 2 ? outputNames[1] : outputNames[0];
        OnnxNode sum = ctx.CreateNode("ReduceSum", [squares], [score], ctx.GetNodeName($"{prefix}_ReduceSum"), string.Empty);
        sum.AddAttribute("axes", new long[] { 2 });
        sum.AddAttribute("keepdims", 0);
        if (outputNames.Length < 2)
            return;

        string nearest = layer.Node("ArgMin", [score], out OnnxNode argMin);
        argMin.AddAttribute("axis", 1);
        argMin.AddAttribute("keepdims", 1);
        string key = layer.Node("Add", nearest, ctx.AddInitializer(1L, $"{prefix}_One"));
        OnnxNode cast = ctx.CreateNode("Cast", [key], [outputNames[0]], ctx.GetNodeName($"{prefix}_Cast"), string.Empty);
        cast.AddAttribute("to", typeof(uint));
    }
}
