using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Trainers;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// KMeans (<c>ClusteringPredictionTransformer&lt;KMeansModelParameters&gt;</c>): ML.NET's own nodes for Score, then
/// PredictedLabel + 1. ML.NET's export casts ArgMin's 0-based index straight to uint32, while ML.NET's PredictedLabel is
/// a 1-based key (0 means missing), so every exported label is one less than ML.NET's.
/// </summary>
internal sealed class KMeansLabelStepWriter : IOnnxStepWriter
{
    /// <summary>A fitted KMeans step is a <c>ClusteringPredictionTransformer&lt;KMeansModelParameters&gt;</c>; the same step
    /// loaded from a model file is a <c>ClusteringPredictionTransformer&lt;IPredictorProducing&lt;…&gt;&gt;</c> (ML.NET's loader
    /// types it by its interface), so the model is what tells.</summary>
    public bool Handles(ITransformer step) =>
        step.GetType() is { IsGenericType: true } type
        && type.GetGenericTypeDefinition() == typeof(ClusteringPredictionTransformer<>)
        && step is IPredictionTransformer<object> { Model: KMeansModelParameters };

    public void Write(OnnxContext ctx, ITransformer step, IDataView stepOutput)
    {
        if (stepOutput is not ITransformCanSaveOnnx scorer || !scorer.CanSaveOnnx(ctx))
            throw new NotSupportedException("ONNX export: ML.NET's KMeans scorer cannot be saved as ONNX.");
        scorer.SaveAsOnnx(ctx);
        // ML.NET's clustering scorer always names it PredictedLabel.
        const string column = "PredictedLabel";
        if (!ctx.ContainsColumn(column))
            return; // the guard after this step names the missing column
        string zeroBased = ctx.GetVariableName(column);
        string asInt64 = Node(ctx, "Cast", [zeroBased], typeof(long));
        string plusOne = Node(ctx, "Add", [asInt64, ctx.AddInitializer(1L, "One")], null);
        // A new variable under the same column name: later steps and the graph output read the corrected label.
        string label = ctx.AddIntermediateVariable(stepOutput.Schema[column].Type, column);
        OnnxNode cast = ctx.CreateNode("Cast", [plusOne], [label], ctx.GetNodeName("Cast"), string.Empty);
        cast.AddAttribute("to", typeof(uint));
    }

    private static string Node(OnnxContext ctx, string opType, string[] inputs, Type? castTo)
    {
        string output = ctx.AddIntermediateVariable(null, $"KMeansLabel_{opType}", skip: true);
        OnnxNode node = ctx.CreateNode(opType, inputs, [output], ctx.GetNodeName($"KMeansLabel_{opType}"), string.Empty);
        if (castTo is not null)
            node.AddAttribute("to", castTo);
        return output;
    }
}
