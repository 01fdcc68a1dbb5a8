using System.Collections.Generic;
using System.IO;
using Microsoft.ML;
using Parity = MLNetDiff.Testing.Onnx.OnnxParity;

namespace MLNetDiff.Onnx.Tests.Helpers;

/// <summary>The ONNX suite's face of the shared parity helper (<see cref="Parity"/> in test/MLNetDiff.Testing): this
/// suite exports through MLNetDiff.Onnx's <c>ExportToOnnx</c> (opset choice, our column guards), which the shared helper
/// cannot reference because the component suite also builds against ML.NET 5.0.1; running and comparing is the shared
/// helper's.</summary>
internal static class OnnxParity
{
    /// <summary>The numeric bound of <see cref="MLNetDiff.Testing.Tolerance.CrossRuntime"/> (absolute and relative).</summary>
    public const double Tolerance = 1e-5;

    public static byte[] Export(MLContext ml, ITransformer model, IDataView data, int opset = OnnxExportOptions.MaximumOpset)
    {
        using var stream = new MemoryStream();
        ml.Model.ExportToOnnx(model, data, stream, new OnnxExportOptions { Opset = opset });
        return stream.ToArray();
    }

    /// <summary>Asserts every ONNX output equals ML.NET's column (<see cref="MLNetDiff.Testing.Tolerance.CrossRuntime"/>;
    /// Boolean and key outputs exactly); returns the ML.NET column names checked.</summary>
    public static string[] AssertMatches(MLContext ml, ITransformer model, IDataView data, int opset = OnnxExportOptions.MaximumOpset)
        => Parity.AssertMatches(Export(ml, model, data, opset), data, model.Transform(data), MLNetDiff.Testing.Tolerance.CrossRuntime);

    public static Dictionary<string, float[][]> Run(byte[] onnx, IDataView data) => Parity.Run(onnx, data);

    public static float[][] ReadFloats(IDataView data, string name) => Parity.ReadFloats(data, name);

    public static bool IsSlotNameOutput(string name) => Parity.IsSlotNameOutput(name);
}
