using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Commands;

/// <summary>What every <c>train</c> command does around its trainer: refuses an output path that would destroy the data
/// or cannot be written (before reading anything), and saves the fitted predictor behind a <c>Concatenate</c> of the
/// CSV's feature columns, so the model's input is the CSV's columns (Single, named as in the header).</summary>
internal static class ModelSaving
{
    public static void CheckOutputPath(string modelPath, string dataPath)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
            throw new CliException("--out must name the model file to write.");
        // Writing the model over the training CSV destroys the data; refuse before reading anything.
        if (OutputPaths.Same(modelPath, dataPath))
            throw new CliException($"--out '{modelPath}' is the --data file; the model would overwrite the CSV. Give another file name (e.g. model.zip).");
        if (Directory.Exists(modelPath))
            throw new CliException($"--out '{modelPath}' is a directory; give the model file name (e.g. model.zip).");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        if (directory is not null && !Directory.Exists(directory))
            throw new CliException($"Cannot write the model file '{modelPath}': folder '{directory}' does not exist.");
    }

    /// <summary>Saves <c>Concatenate(feature columns → Features)</c> → <paramref name="predictor"/> with the input schema of
    /// the CSV's feature columns.</summary>
    public static void Save(MLContext ml, CsvTable table, ITransformer predictor, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(table);
        IDataView raw = table.LoadFeatureColumns(ml);
        ITransformer concatenate = ml.Transforms.Concatenate(ColumnNames.Features, table.FeatureColumns.ToArray()).Fit(raw);
        var model = new TransformerChain<ITransformer>(concatenate, predictor);
        try
        {
            ml.Model.Save(model, raw.Schema, modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the model file '{modelPath}': {e.Message}", e);
        }
    }
}
