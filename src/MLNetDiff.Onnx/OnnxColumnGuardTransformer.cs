using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Onnx;

/// <summary>The <see cref="ITransformer"/> that puts an <see cref="OnnxColumnGuard"/> after a step in the chain handed to
/// ML.NET's converter. Pass-through; exists only during an export.</summary>
internal sealed class OnnxColumnGuardTransformer(IReadOnlyList<string> columns, string step) : ITransformer
{
    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("The ONNX column guard is not a row-to-row mapper.");

    public IDataView Transform(IDataView input) => new OnnxColumnGuard(input, columns, step);

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("The ONNX column guard exists only during an export; it is never saved.");
}
