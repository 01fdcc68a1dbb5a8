using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Onnx;

/// <summary>The sample rows of <c>mlnetdiff export</c> in the model's input schema.</summary>
/// <param name="View">The rows as ML.NET sees them (the schema the export declares its inputs from).</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Name">The file name (for reports).</param>
internal sealed record SampleData(IDataView View, int Rows, string Name)
{
    /// <summary>
    /// Reads the sample CSV the way <c>evaluate</c> reads its data: a CSV with the label column is validated by
    /// <see cref="CsvTableReader"/> and loaded as the feature columns (Single, named as in the header) or, for a model
    /// whose input is a <c>Features</c> vector of the CSV's feature count, as that vector. A CSV without the label
    /// column is all features, loaded the same way; an empty or non-numeric value in it is an error naming the column
    /// and row.
    /// </summary>
    public static SampleData Read(MLContext ml, string path, string labelColumn, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException("--sample must name a CSV file.");
        if (Directory.Exists(path))
            throw new CliException($"Sample file '{path}' is a directory, not a CSV file.");
        if (!File.Exists(path))
            throw new CliException($"Sample file '{path}' not found.");
        string? header = File.ReadLines(path).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(header))
            throw new CliException($"Sample file '{path}' is empty; expected a header row, then one row per example.");
        char separator = header.Contains(',', StringComparison.Ordinal) ? ','
            : header.Contains('\t', StringComparison.Ordinal) ? '\t'
            : header.Contains(';', StringComparison.Ordinal) ? ';'
            : ',';
        string[] columns = header.Split(separator).Select(name => name.Trim().Trim('"').Trim()).ToArray();
        bool labelled = columns.Any(c => string.Equals(c, labelColumn, StringComparison.OrdinalIgnoreCase));
        return labelled ? ReadLabelled(ml, path, labelColumn, inputSchema) : ReadUnlabelled(ml, path, separator, columns, inputSchema);
    }

    private static SampleData ReadLabelled(MLContext ml, string path, string labelColumn, DataViewSchema inputSchema)
    {
        // The label is only left out of the inputs, so any class value reads (a multiclass sample has labels 0, 1, 2, …).
        CsvTable table = CsvTableReader.Read(path, labelColumn, MulticlassTask.Instance);
        IDataView view = UsesFeaturesVector(inputSchema, table.FeatureCount, table.Columns)
            ? InMemoryViews.Create(ml, table)
            : table.LoadFeatureColumns(ml);
        return new SampleData(view, table.RowCount, table.Name);
    }

    private static SampleData ReadUnlabelled(MLContext ml, string path, char separator, string[] columns, DataViewSchema inputSchema)
    {
        string name = Path.GetFileName(path);
        if (columns.Any(c => c.Length == 0))
            throw new CliException($"A column of '{name}' has an empty name in the header row.");
        string? duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
            throw new CliException($"Column '{duplicate}' appears more than once in the header row of '{name}'.");
        bool vector = UsesFeaturesVector(inputSchema, columns.Length, columns);
        TextLoader.Column[] loaderColumns = vector
            ? [new TextLoader.Column(ColumnNames.Features, DataKind.Single, 0, columns.Length - 1)]
            : columns.Select((c, i) => new TextLoader.Column(c, DataKind.Single, i)).ToArray();
        IDataView view = ml.Data.CreateTextLoader(CsvTableReader.LoaderOptions(loaderColumns, separator)).Load(path);
        int rows = CheckFinite(view, columns, name);
        if (rows == 0)
            throw new CliException($"Sample file '{path}' has a header but no data rows.");
        return new SampleData(view, rows, name);
    }

    /// <summary>Counts the rows, failing on the first value TextLoader could not read as a finite number.</summary>
    private static int CheckFinite(IDataView view, string[] columns, string file)
    {
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        var getters = new List<(ValueGetter<float>? Scalar, ValueGetter<VBuffer<float>>? Vector, int Column)>();
        foreach (DataViewSchema.Column c in view.Schema)
        {
            if (c.Type is VectorDataViewType)
                getters.Add((null, cursor.GetGetter<VBuffer<float>>(c), -1));
            else
                getters.Add((cursor.GetGetter<float>(c), null, c.Index));
        }
        float value = 0;
        VBuffer<float> buffer = default;
        int row = 0;
        while (cursor.MoveNext())
        {
            row++;
            foreach (var (scalar, vector, column) in getters)
            {
                int bad = -1;
                if (scalar is not null)
                {
                    scalar(ref value);
                    bad = float.IsFinite(value) ? -1 : column;
                }
                else
                {
                    vector!(ref buffer);
                    int j = 0;
                    foreach (float x in buffer.DenseValues())
                    {
                        if (!float.IsFinite(x))
                        {
                            bad = j;
                            break;
                        }
                        j++;
                    }
                }
                if (bad >= 0)
                    throw new CliException(
                        $"Column '{columns[bad]}' holds an empty, non-numeric or infinite value in data row {row} of '{file}'; every column of a sample without a label must be a finite number.");
            }
        }
        return row;
    }

    /// <summary>True for a model whose input is a "Features" vector of the CSV's feature count when the CSV itself has
    /// no such column (as <c>evaluate</c> decides).</summary>
    private static bool UsesFeaturesVector(DataViewSchema inputSchema, int featureCount, IReadOnlyList<string> csvColumns) =>
        inputSchema.GetColumnOrNull(ColumnNames.Features) is { Type: VectorDataViewType vector }
        && vector.ItemType == NumberDataViewType.Single
        && vector.Size == featureCount
        && !csvColumns.Contains(ColumnNames.Features);
}
