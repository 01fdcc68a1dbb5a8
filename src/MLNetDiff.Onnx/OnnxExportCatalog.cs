using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;
using MLNetDiff.Onnx;

// In Microsoft.ML, like ML.NET's own ConvertToOnnx: mlContext.Model.ExportToOnnx(...) needs no extra using.
namespace Microsoft.ML;

/// <summary>
/// ONNX export through ML.NET's own converter (<c>mlContext.Model.ConvertToOnnx</c>, Microsoft.ML.OnnxConverter), with
/// what the converter leaves to the caller: a strict check that fails naming the step instead of writing a truncated
/// graph, graph inputs limited to the columns the pipeline reads, and graph outputs limited to the columns it writes.
/// The graphs themselves are the converter's (and, for MLNetDiff components, the components' own ONNX code).
/// </summary>
public static class OnnxExportCatalog
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX model to <paramref name="stream"/> with ML.NET's converter. Graph inputs
    /// are the columns of <paramref name="inputData"/>'s schema that the pipeline reads; outputs are the columns it adds
    /// or replaces, named as ML.NET's converter names them (<c>Score.output</c>, <c>Probability.output</c>,
    /// <c>PredictedLabel.output</c>, …).
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="inputData">Data with the pipeline's input schema (only the schema is used; no row is read).</param>
    /// <param name="stream">Receives the model bytes (nothing is written when the export fails).</param>
    /// <param name="options">Opset; defaults when null.</param>
    /// <exception cref="NotSupportedException">A step cannot be saved as ONNX; the message names its position and type.</exception>
    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, IDataView inputData, Stream stream,
        OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputData);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new OnnxExportOptions();
        options.Validate();
        IHostEnvironment env = ((IInternalCatalog)catalog).Environment;

        DataViewSchema inputSchema = inputData.Schema;
        DataViewSchema outputSchema = model.GetOutputSchema(inputSchema);
        string[] written = WrittenColumns(inputSchema, outputSchema);
        if (written.Length == 0)
            throw new ArgumentException("The pipeline adds or replaces no column, so its ONNX model would have no output.", nameof(model));

        // ML.NET's converter declares every column of the data it is given as a graph input (which ONNX Runtime then
        // requires to be fed, the label included); an empty view of only the columns the pipeline reads avoids that.
        IDataView root = new EmptyDataView(env, ReadColumns(model, inputSchema, written));
        List<ITransformer> steps = OnnxPipelineCheck.RequireConvertible(model, root);

        // ML.NET's converter makes every visible column an output; a final SelectColumns (which it exports as Identity
        // nodes) keeps the written ones. Buffered so that a failing conversion leaves the stream untouched.
        steps.Add(new ColumnSelectingTransformer(env, written, null, keepHidden: false));
        var chain = new TransformerChain<ITransformer>(steps.ToArray());
        using var buffer = new MemoryStream();
        catalog.ConvertToOnnx(chain, root, options.Opset, buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>Visible output columns the pipeline adds or replaces (an input column that only passes through is not one:
    /// a replaced column leaves its hidden original beside it).</summary>
    internal static string[] WrittenColumns(DataViewSchema input, DataViewSchema output)
    {
        // Counted once: wide inputs (thousands of columns) must not make this quadratic.
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (DataViewSchema.Column c in output)
            occurrences[c.Name] = occurrences.GetValueOrDefault(c.Name) + 1;
        var written = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DataViewSchema.Column c in output)
        {
            if (c.IsHidden || !seen.Add(c.Name))
                continue;
            bool passesThrough = input.GetColumnOrNull(c.Name) is { IsHidden: false } && occurrences[c.Name] == 1;
            if (!passesThrough)
                written.Add(c.Name);
        }
        return written.ToArray();
    }

    /// <summary>The input columns the written columns depend on: all visible input columns when the pipeline is not a
    /// row-to-row mapper and cannot say, or when a step needs more than that (a SelectColumns that keeps the label).</summary>
    private static DataViewSchema ReadColumns(ITransformer model, DataViewSchema input, string[] written)
    {
        HashSet<int>? needed = null;
        if (model.IsRowToRowMapper)
        {
            IRowToRowMapper mapper = model.GetRowToRowMapper(input);
            IEnumerable<DataViewSchema.Column> targets = written.Select(name => mapper.OutputSchema[name]);
            needed = mapper.GetDependencies(targets).Select(c => c.Index).ToHashSet();
        }
        var builder = new DataViewSchema.Builder();
        foreach (DataViewSchema.Column c in input)
        {
            if (!c.IsHidden && (needed is null || needed.Contains(c.Index)))
                builder.AddColumn(c.Name, c.Type, c.Annotations);
        }
        DataViewSchema read = builder.ToSchema();
        if (needed is null)
            return read;
        try
        {
            _ = model.GetOutputSchema(read);
            return read;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Visible(input);
        }
    }

    private static DataViewSchema Visible(DataViewSchema input)
    {
        var builder = new DataViewSchema.Builder();
        foreach (DataViewSchema.Column c in input)
        {
            if (!c.IsHidden)
                builder.AddColumn(c.Name, c.Type, c.Annotations);
        }
        return builder.ToSchema();
    }
}
