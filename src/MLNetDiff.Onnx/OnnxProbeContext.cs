using System;
using System.Collections.Generic;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx;

/// <summary>
/// The context handed to <c>ICanSaveOnnx.CanSaveOnnx</c> while the strict check walks the pipeline, before ML.NET's
/// converter runs. ML.NET's implementations (and ours) decide from their own state and never touch the context; one
/// that tries gets a clear exception instead of writing into a graph that is never built. ML.NET's real context
/// (<c>OnnxContextImpl</c>) is internal to Microsoft.ML.OnnxConverter, which we do not publicize. Not sealed: tests
/// derive a context that knows some columns, to check <see cref="OnnxColumnGuard"/>.
/// </summary>
internal class OnnxProbeContext : OnnxContext
{
    private static NotSupportedException Probe() =>
        new("The ONNX pre-check only asks CanSaveOnnx; this component used the ONNX context during that question.");

    public override string GetNodeName(string prefix) => throw Probe();

    public override bool IsVariableDefined(string variableName) => throw Probe();

    public override bool ContainsColumn(string colName) => throw Probe();

    public override void CheckOpSetVersion(int thisTransformerMinumumOpSetVersion, string registerTransformerName) => throw Probe();

    public override void RemoveColumn(string colName, bool removeVariable = false) => throw Probe();

    public override void RemoveVariable(string variableName, bool removeColumn) => throw Probe();

    public override void RemoveInputVariable(string variableName) => throw Probe();

    public override string GetVariableName(string colName) => throw Probe();

    public override string AddIntermediateVariable(DataViewType type, string colName, bool skip = false) => throw Probe();

    public override OnnxNode CreateNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string name,
        string? domain = null) => throw Probe();

    public override OnnxVersion GetOnnxVersion() => throw Probe();

    public override List<long> RetrieveShapeOrNull(string variableName) => throw Probe();

    public override string AddInitializer(bool value, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(float value, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(int value, Type type, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(string value, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(long value, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(double value, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(ulong value, bool isUint64, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<bool> values, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<float> values, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<int> values, Type type, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<string> values, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<long> values, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<double> values, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();

    public override string AddInitializer(IEnumerable<ulong> values, bool isUint64, IEnumerable<long> dims, string? name = null, bool makeUniqueName = true) => throw Probe();
}
