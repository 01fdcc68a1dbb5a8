using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNetDiff.Cli.Onnx;

/// <summary>One ONNX output compared with ML.NET's column of the same name.</summary>
/// <param name="Name">The ONNX output name.</param>
/// <param name="Column">ML.NET's column (the name without a ".output" suffix).</param>
/// <param name="Exact">Boolean or key output: compared exactly.</param>
/// <param name="MaxAbsDiff">Largest |a − e| over every value.</param>
/// <param name="MaxRelDiff">Largest |a − e| / max(|e|, 1e-12).</param>
/// <param name="MismatchedRows">Rows with at least one value outside the tolerance (exact outputs: any difference).</param>
internal sealed record OutputComparison(string Name, string Column, bool Exact, double MaxAbsDiff, double MaxRelDiff, int MismatchedRows)
{
    public bool WithinTolerance => MismatchedRows == 0;
}

/// <summary>The result of running an exported model in ONNX Runtime next to ML.NET.</summary>
/// <param name="Rows">Rows scored.</param>
/// <param name="Outputs">One comparison per ONNX output, in graph order.</param>
/// <param name="LabelMismatches">Rows where a Boolean or key output differs from ML.NET's.</param>
internal sealed record VerificationResult(int Rows, IReadOnlyList<OutputComparison> Outputs, int LabelMismatches)
{
    public bool Passed => LabelMismatches == 0 && Outputs.All(o => o.WithinTolerance);
}

/// <summary>
/// Runs an exported model in ONNX Runtime (CPU provider, <c>ORT_ENABLE_ALL</c> graph optimisations) on the sample rows
/// and compares every output with ML.NET's <c>Transform</c>: a value passes when |a − e| ≤ 1e-5·(1 + |e|) (the
/// tolerance of the exporter's parity tests); Boolean and key outputs must be equal. Two NaNs are equal.
/// </summary>
internal static class OnnxVerifier
{
    public const double Tolerance = 1e-5;

    /// <summary>Rows per ONNX Runtime call, so that a large sample does not need one huge tensor.</summary>
    private const int BatchRows = 65_536;

    public static VerificationResult Verify(byte[] onnx, ITransformer model, SampleData sample)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sample);
        Dictionary<string, double[]> actual = RunOnnx(onnx, sample, out List<string> outputNames);
        IDataView scored = model.Transform(sample.View);
        var columns = new List<(string Output, DataViewSchema.Column Column)>();
        foreach (string name in outputNames)
        {
            string column = name.EndsWith(".output", StringComparison.Ordinal) ? name[..^".output".Length] : name;
            DataViewSchema.Column mlColumn = scored.Schema.GetColumnOrNull(column)
                ?? throw new CliException($"ONNX output '{name}' has no ML.NET column '{column}' to compare with.");
            columns.Add((name, mlColumn));
        }
        // One pass over ML.NET's scored rows for every output (not a cursor per column: with thousands of columns
        // that re-read the sample thousands of times).
        double[][] expectedColumns = ColumnReader.Read(scored, columns.Select(c => c.Column).ToList(), columns.Select(c => c.Output).ToList());
        var comparisons = new List<OutputComparison>();
        var labelRows = new HashSet<int>();
        for (int c = 0; c < columns.Count; c++)
        {
            (string name, DataViewSchema.Column mlColumn) = columns[c];
            DataViewType item = mlColumn.Type is VectorDataViewType v ? v.ItemType : mlColumn.Type;
            bool exact = item is BooleanDataViewType or KeyDataViewType;
            double[] expected = expectedColumns[c];
            double[] values = actual[name];
            if (values.Length != expected.Length || expected.Length % sample.Rows != 0)
                throw new CliException(
                    $"ONNX output '{name}' has {values.Length} values for {sample.Rows} rows; ML.NET's column '{mlColumn.Name}' has {expected.Length}.");
            int width = expected.Length / sample.Rows;
            double maxAbs = 0, maxRel = 0;
            int mismatched = 0;
            for (int r = 0; r < sample.Rows; r++)
            {
                bool rowDiffers = false;
                for (int j = r * width; j < (r + 1) * width; j++)
                {
                    double e = expected[j], a = values[j];
                    double diff = double.IsNaN(e) && double.IsNaN(a) ? 0 : Math.Abs(a - e);
                    if (double.IsNaN(diff))
                        diff = double.PositiveInfinity;
                    maxAbs = Math.Max(maxAbs, diff);
                    maxRel = Math.Max(maxRel, diff == 0 ? 0 : diff / Math.Max(Math.Abs(e), 1e-12));
                    rowDiffers |= exact ? diff != 0 : !(diff <= Tolerance * (1 + Math.Abs(e)));
                }
                if (rowDiffers)
                {
                    mismatched++;
                    if (exact)
                        labelRows.Add(r);
                }
            }
            comparisons.Add(new OutputComparison(name, mlColumn.Name, exact, maxAbs, maxRel, mismatched));
        }
        return new VerificationResult(sample.Rows, comparisons, labelRows.Count);
    }

    /// <summary>ONNX Runtime's outputs by name, row-major, as doubles (bools as 0/1).</summary>
    private static Dictionary<string, double[]> RunOnnx(byte[] onnx, SampleData sample, out List<string> outputNames)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        // The converter's slot-name outputs ("mlnet.X.unusedOutput", int64 indices of X's slot names) are metadata, not
        // scores: not compared.
        outputNames = session.OutputMetadata.Keys
            .Where(n => !(n.StartsWith("mlnet.", StringComparison.Ordinal) && n.EndsWith(".unusedOutput", StringComparison.Ordinal)))
            .ToList();
        var inputColumns = new List<DataViewSchema.Column>();
        var inputNames = new List<string>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            DataViewSchema.Column column = sample.View.Schema.GetColumnOrNull(name)
                ?? throw new CliException($"The ONNX model reads '{name}', which '{sample.Name}' does not provide.");
            if (meta.ElementType != typeof(float))
                throw new CliException($"ONNX input '{name}' is {meta.ElementType.Name}; --verify feeds float inputs only.");
            inputColumns.Add(column);
            inputNames.Add(name);
        }
        // Every input column in one pass over the sample.
        double[][] inputValues = ColumnReader.Read(sample.View, inputColumns, inputNames);
        var inputs = inputNames.Select((name, i) =>
            (Name: name, Values: inputValues[i].Select(x => (float)x).ToArray(), Width: inputValues[i].Length / sample.Rows)).ToList();
        var outputs = outputNames.ToDictionary(n => n, _ => new List<double>(), StringComparer.Ordinal);
        string[] fetch = outputNames.ToArray();
        for (int start = 0; start < sample.Rows; start += BatchRows)
        {
            int rows = Math.Min(BatchRows, sample.Rows - start);
            var feed = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name,
                new DenseTensor<float>(i.Values.AsMemory(start * i.Width, rows * i.Width), [rows, i.Width]))).ToList();
            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(feed, fetch);
            foreach (DisposableNamedOnnxValue result in results)
            {
                IEnumerable<double> flat = result.Value switch
                {
                    Tensor<float> f => f.Select(x => (double)x),
                    Tensor<double> d => d,
                    Tensor<bool> b => b.Select(x => x ? 1.0 : 0.0),
                    Tensor<uint> u => u.Select(x => (double)x),
                    Tensor<int> n => n.Select(x => (double)x),
                    Tensor<long> l => l.Select(x => (double)x),
                    _ => throw new CliException($"ONNX output '{result.Name}' has a type --verify does not compare ({result.Value?.GetType().Name})."),
                };
                outputs[result.Name].AddRange(flat);
            }
        }
        return outputs.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
