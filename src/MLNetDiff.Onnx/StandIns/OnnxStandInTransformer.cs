using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>The <see cref="ITransformer"/> that puts an <see cref="OnnxStandIn"/> in a step's place during an export.</summary>
internal sealed class OnnxStandInTransformer(ITransformer step, IOnnxStepWriter writer) : ITransformer
{
    /// <summary>The ML.NET steps whose ONNX we write ourselves (docs/onnx.md says why, for each).</summary>
    private static readonly IOnnxStepWriter[] s_writers =
        [new SlotsDroppingStepWriter(), new KMeansLabelStepWriter(), new CdfAndBinNormalizerStepWriter(), new IsotonicCalibratorStepWriter()];

    public static IOnnxStepWriter? Find(ITransformer step) => Array.Find(s_writers, w => w.Handles(step));

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => step.GetOutputSchema(inputSchema);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("An ONNX stand-in is not a row-to-row mapper.");

    public IDataView Transform(IDataView input) => new OnnxStandIn(input, step.Transform(input), step, writer);

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("An ONNX stand-in exists only during an export; it is never saved.");
}
