using Microsoft.ML;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// Our ONNX for an ML.NET step whose own ONNX export is wrong (each case and its reason in docs/onnx.md). The step stays
/// in the pipeline; during an export an <see cref="OnnxStandIn"/> takes its place in the chain handed to ML.NET's
/// converter and writes these nodes into the converter's graph instead of the step's own.
/// </summary>
internal interface IOnnxStepWriter
{
    bool Handles(ITransformer step);

    /// <summary>Writes the step's outputs into <paramref name="ctx"/>; <paramref name="stepOutput"/> is the step's own
    /// transformed view (ML.NET's data transform, which may write part of the graph itself).</summary>
    void Write(OnnxContext ctx, ITransformer step, IDataView stepOutput);
}
