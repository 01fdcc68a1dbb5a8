using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Onnx.StandIns;

namespace MLNetDiff.Onnx;

/// <summary>
/// Walks a fitted pipeline the way ML.NET's converter does (<c>SaveOnnxCommand.GetPipe</c>: from the transformed view
/// back through each <c>IDataTransform.Source</c>, asking <c>ITransformCanSaveOnnx.CanSaveOnnx</c>), but step by step and
/// before anything is written. The converter itself stops at the first step it cannot save with only a warning and
/// writes the rest: the graph then silently starts after that step (an in-place step such as a normalizer on
/// <c>Features</c> simply disappears), or fails later with "can not be fully converted". Here such a step fails first,
/// named by its position and short type name.
/// </summary>
internal static class OnnxPipelineCheck
{
    /// <summary>Checks every step and returns the chain to hand to the converter: each step followed by an
    /// <see cref="OnnxColumnGuard"/> for the columns it writes.</summary>
    public static List<ITransformer> RequireConvertible(ITransformer model, IDataView root)
    {
        List<ITransformer> steps = [];
        Flatten(model, steps);
        var probe = new OnnxProbeContext();
        var guarded = new List<ITransformer>();
        IDataView data = root;
        for (int i = 0; i < steps.Count; i++)
        {
            IDataView output = steps[i].Transform(data);
            ITransformer exported = steps[i];
            if (OnnxStandInTransformer.Find(steps[i]) is { } writer)
            {
                // An ML.NET step whose own export is wrong: our nodes instead (docs/onnx.md).
                exported = new OnnxStandInTransformer(steps[i], writer);
            }
            else
            {
                RequireSavable(steps, i, output, data, probe);
            }
            guarded.Add(exported);
            guarded.Add(new OnnxColumnGuardTransformer(OnnxExportCatalog.WrittenColumns(data.Schema, output.Schema), Describe(i, steps)));
            data = output;
        }
        return guarded;
    }

    /// <summary>Every data transform step <paramref name="i"/> produced (from its output back to its input) must say it
    /// can be saved as ONNX, as the converter's walk requires.</summary>
    private static void RequireSavable(List<ITransformer> steps, int i, IDataView output, IDataView data, OnnxProbeContext probe)
    {
        for (IDataView view = output; !ReferenceEquals(view, data);)
        {
            if (view is not IDataTransform transform)
                throw Unsupported(i, steps, $"its output ({view.GetType().Name}) is not a data transform ML.NET's converter can walk");
            if (transform is not ITransformCanSaveOnnx onnx || !onnx.CanSaveOnnx(probe))
                throw Unsupported(i, steps, Detail(steps[i]));
            view = transform.Source;
        }
    }

    /// <summary>"step 2 of 4 (BinaryPredictionTransformer&lt;…&gt;)".</summary>
    public static string Describe(int index, IReadOnlyList<ITransformer> steps) =>
        $"step {index + 1} of {steps.Count} ({StepNames.Short(steps[index].GetType())})";

    private static NotSupportedException Unsupported(int index, IReadOnlyList<ITransformer> steps, string? detail) =>
        new($"ONNX export: {Describe(index, steps)} cannot be saved as ONNX by ML.NET's converter" +
            (detail is null ? string.Empty : $": {detail}") +
            ". No model was written; docs/onnx.md lists what exports.");

    /// <summary>For a prediction transformer, which model refused (and for ours, which layer).</summary>
    private static string? Detail(ITransformer step)
    {
        if (step is not IPredictionTransformer<object> prediction || prediction.Model is null)
            return null;
        object model = prediction.Model;
        object inner = model is Microsoft.ML.Calibrators.CalibratedModelParametersBase { SubModel: { } sub } ? sub : model;
        string what = $"its model {StepNames.Short(model.GetType())}";
        return inner is IOnnxExportDiagnostics { OnnxProblem: { } problem } ? $"{what}: {problem}" : $"{what} has no ONNX form";
    }

    private static void Flatten(ITransformer model, List<ITransformer> steps)
    {
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (ITransformer inner in chain)
                Flatten(inner, steps);
        }
        else
        {
            steps.Add(model);
        }
    }
}
