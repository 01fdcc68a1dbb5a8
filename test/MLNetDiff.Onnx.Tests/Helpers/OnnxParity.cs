using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNetDiff.Onnx.Tests.Helpers;

/// <summary>Runs an exported model in ONNX Runtime (CPU, all graph optimisations) on the rows of an IDataView and
/// compares every output with ML.NET's column of the same name (ML.NET's converter names outputs "<c>X.output</c>").</summary>
internal static class OnnxParity
{
    public const double Tolerance = 1e-5;

    public static byte[] Export(MLContext ml, ITransformer model, IDataView data, int opset = OnnxExportOptions.MaximumOpset)
    {
        using var stream = new MemoryStream();
        ml.Model.ExportToOnnx(model, data, stream, new OnnxExportOptions { Opset = opset });
        return stream.ToArray();
    }

    /// <summary>The ML.NET column an ONNX output stands for.</summary>
    public static string ColumnOf(string output) =>
        output.EndsWith(".output", StringComparison.Ordinal) ? output[..^".output".Length] : output;

    /// <summary>ONNX Runtime's outputs by ML.NET column name, each as rows × width floats (bools and keys as numbers).
    /// Inputs are fed from <paramref name="data"/>'s columns of the same names (float or string tensors).</summary>
    public static Dictionary<string, float[][]> Run(byte[] onnx, IDataView data)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        int rows = ReadFloatsOrStrings(data, data.Schema[0].Name).Length;
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            int width = meta.Dimensions[1];
            if (meta.ElementType == typeof(string))
            {
                string[] values = ReadStrings(data, name);
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [rows, width])));
            }
            else if (meta.ElementType == typeof(bool))
            {
                bool[] values = ReadFloats(data, name).SelectMany(r => r).Select(v => v != 0).ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(values, [rows, width])));
            }
            else
            {
                Assert.AreEqual(typeof(float), meta.ElementType, $"input {name}");
                var values = new float[rows * width];
                float[][] column = ReadFloats(data, name);
                for (int r = 0; r < rows; r++)
                    column[r].CopyTo(values, r * width);
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, [rows, width])));
            }
        }
        using var results = session.Run(inputs);
        var outputs = new Dictionary<string, float[][]>();
        foreach (var result in results)
        {
            // ML.NET's converter also writes each output's slot names as an int64 "mlnet.X.unusedOutput": not a column.
            if (IsSlotNameOutput(result.Name))
                continue;
            float[] flat = result.Value switch
            {
                Tensor<float> f => f.ToArray(),
                Tensor<bool> b => b.ToArray().Select(x => x ? 1f : 0f).ToArray(),
                Tensor<uint> u => u.ToArray().Select(x => (float)x).ToArray(),
                Tensor<long> l => l.ToArray().Select(x => (float)x).ToArray(),
                _ => throw new NotSupportedException($"output {result.Name}: {result.Value?.GetType()}"),
            };
            int width = flat.Length / rows;
            outputs[ColumnOf(result.Name)] = Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray();
        }
        return outputs;
    }

    /// <summary>Asserts every ONNX output equals ML.NET's column (1e-5 absolute + relative; Boolean and key outputs
    /// exactly); returns the ML.NET column names checked.</summary>
    public static string[] AssertMatches(MLContext ml, ITransformer model, IDataView data, int opset = OnnxExportOptions.MaximumOpset)
    {
        byte[] onnx = Export(ml, model, data, opset);
        Dictionary<string, float[][]> actual = Run(onnx, data);
        IDataView scored = model.Transform(data);
        Assert.IsNotEmpty(actual, "no outputs");
        foreach (var (column, values) in actual)
        {
            float[][] expected = ReadFloats(scored, column);
            Assert.HasCount(expected.Length, values, column);
            bool exact = scored.Schema[column].Type is BooleanDataViewType or KeyDataViewType;
            for (int r = 0; r < expected.Length; r++)
            {
                Assert.HasCount(expected[r].Length, values[r], $"{column} row {r} width");
                for (int j = 0; j < expected[r].Length; j++)
                {
                    double e = expected[r][j], a = values[r][j];
                    if (exact)
                        Assert.AreEqual(e, a, $"{column} row {r}[{j}]: label mismatch");
                    else
                        Assert.IsTrue(Math.Abs(e - a) <= Tolerance * (1 + Math.Abs(e)), $"{column} row {r}[{j}]: ML.NET {e}, ONNX Runtime {a}");
                }
            }
        }
        return actual.Keys.ToArray();
    }

    /// <summary>The converter's slot-name outputs (LabelEncoder over a constant input).</summary>
    public static bool IsSlotNameOutput(string name) =>
        name.StartsWith("mlnet.", StringComparison.Ordinal) && name.EndsWith(".unusedOutput", StringComparison.Ordinal);

    private static Array ReadFloatsOrStrings(IDataView data, string name) =>
        data.Schema[name].Type is TextDataViewType ? ReadStrings(data, name) : ReadFloats(data, name);

    /// <summary>A text column's values.</summary>
    public static string[] ReadStrings(IDataView data, string name) =>
        data.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString()).ToArray();

    /// <summary>A column as rows of floats (scalars width 1; Boolean and key values as numbers).</summary>
    public static float[][] ReadFloats(IDataView data, string name)
    {
        DataViewSchema.Column column = data.Schema[name];
        DataViewType type = column.Type;
        if (type is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Single)
            return data.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();
        if (type == NumberDataViewType.Single)
            return data.GetColumn<float>(column).Select(v => new[] { v }).ToArray();
        if (type == BooleanDataViewType.Instance)
            return data.GetColumn<bool>(column).Select(v => new[] { v ? 1f : 0f }).ToArray();
        if (type is KeyDataViewType)
            return data.GetColumn<uint>(column).Select(v => new[] { (float)v }).ToArray();
        throw new NotSupportedException($"column {name}: {type}");
    }
}
