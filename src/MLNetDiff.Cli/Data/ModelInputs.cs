using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Data;

/// <summary>Checks that a loaded model fits the command and the CSV before scoring, so that the error says what the model
/// expects rather than where ML.NET stumbled ("Features column 'Features' not found").</summary>
internal static class ModelInputs
{
    /// <summary>Name of the annotation ML.NET's scorers put on Score to say what kind of model wrote it.</summary>
    public const string ScoreColumnKind = "ScoreColumnKind";

    private const int ListedColumns = 10;

    /// <summary>Fails unless every input column of the model is a column of the CSV.</summary>
    public static void RequireColumns(string modelPath, DataViewSchema inputSchema, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(table);
        string[] missing = inputSchema
            .Where(c => !c.IsHidden && !table.Columns.Contains(c.Name))
            .Select(Describe).ToArray();
        if (missing.Length == 0)
            return;
        string extra = inputSchema.GetColumnOrNull(ColumnNames.Features) is { Type: VectorDataViewType { Size: > 0 } v }
            && !table.Columns.Contains(ColumnNames.Features)
            ? $" (its {ColumnNames.Features} vector has {v.Size} values, '{table.Name}' has {table.FeatureCount} feature columns)"
            : string.Empty;
        throw new CliException($"The model '{modelPath}' expects input {List(missing)}, which '{table.Name}' lacks{extra}; " +
            $"the CSV's columns besides the label are {List(table.FeatureColumns.ToArray())}.");
    }

    /// <summary>Fails unless the model writes a Single Score column that ML.NET marks as a binary classifier's.</summary>
    public static void RequireBinaryClassifier(string modelPath, ITransformer model, DataViewSchema input)
    {
        ArgumentNullException.ThrowIfNull(model);
        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"The model '{modelPath}' cannot read these columns: {e.Message}", e);
        }
        string? kind = Kind(output);
        if (output.GetColumnOrNull(ColumnNames.Score) is not { Type: NumberDataViewType type } || type != NumberDataViewType.Single)
        {
            throw new CliException($"The model '{modelPath}' writes no Single '{ColumnNames.Score}' column" +
                (kind is null ? string.Empty : $" (prediction kind {kind})") + ": it is not a binary classifier.");
        }
        if (kind is not null && kind != "BinaryClassification")
        {
            throw new CliException($"The model '{modelPath}' is a {kind} model (the ScoreColumnKind of its Score column); " +
                "evaluate scores binary classifiers (BinaryClassification).");
        }
    }

    /// <summary>The kind to load the label column as when the model reads it by name (a pipeline that maps the label to a
    /// key itself); null when it does not.</summary>
    public static DataKind? LabelInputKind(string modelPath, DataViewSchema inputSchema, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasLabel || inputSchema.GetColumnOrNull(table.LabelColumn) is not { } column)
            return null;
        Type raw = column.Type.RawType;
        return raw == typeof(ReadOnlyMemory<char>) ? DataKind.String
            : raw == typeof(float) ? DataKind.Single
            : raw == typeof(double) ? DataKind.Double
            : raw == typeof(bool) ? DataKind.Boolean
            : raw == typeof(int) ? DataKind.Int32
            : raw == typeof(long) ? DataKind.Int64
            : throw new CliException($"The model '{modelPath}' reads the label column '{table.LabelColumn}' as {column.Type}, " +
                "which a CSV column cannot be loaded as.");
    }

    /// <summary>The model's output schema on its own saved input schema (no data read).</summary>
    public static DataViewSchema OutputSchema(string modelPath, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return model.GetOutputSchema(inputSchema);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"The model '{modelPath}' cannot describe its output on its own input schema: {e.Message}", e);
        }
    }

    /// <summary>True for a model whose input is a "Features" vector of the CSV's feature count (a model trained on a
    /// TextLoader range column or in memory) when the CSV itself has no such column.</summary>
    public static bool UsesFeaturesVector(DataViewSchema inputSchema, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(table);
        return inputSchema.GetColumnOrNull(ColumnNames.Features) is { Type: VectorDataViewType vector }
            && vector.ItemType == NumberDataViewType.Single
            && vector.Size == table.FeatureCount
            && !table.Columns.Contains(ColumnNames.Features);
    }

    /// <summary>The ScoreColumnKind annotation of the Score column ("BinaryClassification", "Regression", …), or null.</summary>
    public static string? Kind(DataViewSchema output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.GetColumnOrNull(ColumnNames.Score) is not { } score
            || score.Annotations.Schema.GetColumnOrNull(ScoreColumnKind) is not { Type: TextDataViewType })
            return null;
        ReadOnlyMemory<char> value = default;
        score.Annotations.GetValue(ScoreColumnKind, ref value);
        return value.ToString();
    }

    private static string Describe(DataViewSchema.Column column) => $"'{column.Name}' ({column.Type})";

    private static string List(string[] items) =>
        string.Join(", ", items.Take(ListedColumns)) + (items.Length > ListedColumns ? $", … ({items.Length} in all)" : string.Empty);
}
