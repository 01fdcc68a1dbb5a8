using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNetDiff.Testing.Onnx;

/// <summary>
/// ONNX parity: runs an exported model in ONNX Runtime (CPU, all graph optimisations) on the rows of an IDataView and
/// compares its outputs with ML.NET's columns of the same name (ML.NET's converter names outputs "<c>X.output</c>").
/// Boolean and key outputs must match exactly; numbers within a <see cref="Tolerance"/>.
/// </summary>
public static class OnnxParity
{
    /// <summary>The model in ONNX through ML.NET's own converter (<c>mlContext.Model.ConvertToOnnx</c>), the call a user
    /// makes; our components are found through the ONNX interfaces they implement.</summary>
    public static byte[] Convert(MLContext ml, ITransformer model, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(ml);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        return stream.ToArray();
    }

    /// <summary>The ML.NET column an ONNX output stands for.</summary>
    public static string ColumnOf(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.EndsWith(".output", StringComparison.Ordinal) ? output[..^".output".Length] : output;
    }

    /// <summary>The converter's slot-name outputs (an int64 "<c>mlnet.X.unusedOutput</c>" per output): not columns.</summary>
    public static bool IsSlotNameOutput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("mlnet.", StringComparison.Ordinal) && name.EndsWith(".unusedOutput", StringComparison.Ordinal);
    }

    /// <summary>ONNX Runtime's outputs by ML.NET column name, each as rows × width floats (Booleans and keys as numbers).
    /// Inputs are fed from <paramref name="data"/>'s columns of the same names (float, Boolean or string tensors).</summary>
    public static Dictionary<string, float[][]> Run(byte[] onnx, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(data);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        int rows = checked((int)Count(data));
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
                Assert.AreEqual(typeof(float), meta.ElementType, $"ONNX input '{name}': only float, Boolean and string inputs are fed");
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
            if (IsSlotNameOutput(result.Name))
                continue;
            float[] flat = result.Value switch
            {
                Tensor<float> f => f.ToArray(),
                Tensor<bool> b => b.ToArray().Select(x => x ? 1f : 0f).ToArray(),
                Tensor<uint> u => u.ToArray().Select(x => (float)x).ToArray(),
                Tensor<long> l => l.ToArray().Select(x => (float)x).ToArray(),
                _ => throw new NotSupportedException($"ONNX output '{result.Name}': {result.Value?.GetType()} is not compared"),
            };
            int width = rows == 0 ? 0 : flat.Length / rows;
            outputs[ColumnOf(result.Name)] = Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray();
        }
        return outputs;
    }

    /// <summary>Runs <paramref name="onnx"/> on <paramref name="input"/> and asserts that every output in
    /// <paramref name="columns"/> (every output when null) equals the same column of <paramref name="scored"/> (ML.NET's
    /// <c>Transform</c> of <paramref name="input"/>); returns the column names compared.</summary>
    public static string[] AssertMatches(byte[] onnx, IDataView input, IDataView scored, Tolerance tolerance,
        IReadOnlyCollection<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        Dictionary<string, float[][]> actual = Run(onnx, input);
        Assert.IsNotEmpty(actual, "the ONNX model has no outputs");
        if (columns is not null)
        {
            string[] absent = columns.Where(c => !actual.ContainsKey(c)).ToArray();
            Assert.IsEmpty(absent, $"ONNX outputs lack {string.Join(", ", absent)}; it has {string.Join(", ", actual.Keys)}");
        }
        string[] compared = columns?.ToArray() ?? actual.Keys.ToArray();
        foreach (string column in compared)
        {
            float[][] values = actual[column];
            float[][] expected = ReadFloats(scored, column);
            Assert.HasCount(expected.Length, values, $"'{column}': ONNX Runtime row count");
            bool exact = scored.Schema[column].Type is BooleanDataViewType or KeyDataViewType;
            Tolerance bound = exact ? Tolerance.Exact : tolerance;
            for (int r = 0; r < expected.Length; r++)
                bound.AssertClose(expected[r], values[r], $"'{column}' row {r}: ML.NET against ONNX Runtime");
        }
        return compared;
    }

    /// <summary>A text column's values.</summary>
    public static string[] ReadStrings(IDataView data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString()).ToArray();
    }

    /// <summary>A column as rows of floats (scalars have width 1; Boolean and key values as numbers).</summary>
    public static float[][] ReadFloats(IDataView data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
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
        throw new NotSupportedException($"column '{name}': {type} is not compared");
    }

    private static long Count(IDataView data)
    {
        if (data.GetRowCount() is long known)
            return known;
        long rows = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
            rows++;
        return rows;
    }
}
