using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// Takes a step's place in the chain handed to ML.NET's converter: its rows and schema are the step's own output (so
/// later steps bind as usual), its <see cref="Source"/> is the step's input (so the converter walks on past it), and
/// its ONNX nodes come from an <see cref="IOnnxStepWriter"/>. Exists only during an export.
/// </summary>
internal sealed class OnnxStandIn(IDataView source, IDataView stepOutput, ITransformer step, IOnnxStepWriter writer)
    : IDataTransform, ITransformCanSaveOnnx
{
    public IDataView Source { get; } = source;

    public bool CanShuffle => stepOutput.CanShuffle;

    public DataViewSchema Schema => stepOutput.Schema;

    public long? GetRowCount() => stepOutput.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        stepOutput.GetRowCursor(columnsNeeded, rand);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        stepOutput.GetRowCursorSet(columnsNeeded, n, rand);

    public bool CanSaveOnnx(OnnxContext ctx) => true;

    public void SaveAsOnnx(OnnxContext ctx) => writer.Write(ctx, step, stepOutput);

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("An ONNX stand-in exists only during an export; it is never saved.");
}
