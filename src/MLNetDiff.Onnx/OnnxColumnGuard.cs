using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx;

/// <summary>
/// A pass-through data transform placed after each step of the chain handed to ML.NET's converter. It writes no ONNX
/// node; when the converter reaches it, it checks that every column the previous step writes is in the graph. Some ML.NET
/// steps say they can be saved as ONNX and then skip a column they cannot express (the normalizers drop a CDF or
/// binning column with <c>ctx.RemoveColumn</c>, slot dropping drops a column it cannot map); the converter then
/// silently writes a graph without it, and every later step that reads it is skipped too.
/// </summary>
internal sealed class OnnxColumnGuard : IDataTransform, ITransformCanSaveOnnx
{
    private readonly IReadOnlyList<string> _columns;
    private readonly string _step;

    public OnnxColumnGuard(IDataView source, IReadOnlyList<string> columns, string step)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        _columns = columns;
        _step = step;
    }

    public IDataView Source { get; }

    public bool CanShuffle => Source.CanShuffle;

    public DataViewSchema Schema => Source.Schema;

    public long? GetRowCount() => Source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        Source.GetRowCursor(columnsNeeded, rand);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        Source.GetRowCursorSet(columnsNeeded, n, rand);

    public bool CanSaveOnnx(OnnxContext ctx) => true;

    public void SaveAsOnnx(OnnxContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        foreach (string column in _columns)
        {
            if (!ctx.ContainsColumn(column))
                throw new NotSupportedException(
                    $"ONNX export: {_step} did not write column '{column}' into the ONNX graph (ML.NET's converter accepted the " +
                    "step but skipped that column, as it does for CDF and binning normalizers). No model was written; docs/onnx.md lists what exports.");
        }
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("The ONNX column guard exists only during an export; it is never saved.");
}
