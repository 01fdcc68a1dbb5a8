using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using MLNetDiff.Classification;

namespace MLNetDiff.Cli.Data;

/// <summary>Loads an ML.NET model file: ours (AnyLoss) or one of ML.NET's (FastTree and LightGbm included). A file that
/// cannot be a model is named for what it is (not a zip; a zip without ML.NET entries) before ML.NET reads it, because
/// ML.NET's own messages for those ("Could not load legacy format model", "Exception has been thrown by the target of an
/// invocation") do not say what is wrong with the file.</summary>
internal static class ModelFile
{
    private const int ListedEntries = 5;

    public static ITransformer Load(MLContext ml, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException("--model must name an ML.NET model file.");
        if (Directory.Exists(path))
            throw new CliException($"Model file '{path}' is a directory.");
        if (!File.Exists(path))
            throw new CliException($"Model file '{path}' not found.");
        CheckIsModelZip(path);
        // ML.NET finds a model's loaders in registered assemblies; ours and the tree packages may not be loaded yet.
        ml.ComponentCatalog.RegisterAssembly(typeof(AnyLossModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryModelParameters).Assembly);
        try
        {
            return ml.Model.Load(path, out inputSchema);
        }
#pragma warning disable CA1031 // Any failure to read a model file is the user's bad input: one line, exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new CliException($"Cannot load the ML.NET model '{path}': the file is damaged or from an incompatible version: {Innermost(e)}", e);
        }
    }

    /// <summary>ML.NET loads model parts by reflection, so the real error sits under TargetInvocationExceptions.</summary>
    internal static string Innermost(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null)
            e = e.InnerException;
        return $"{e.Message} ({e.GetType().Name})";
    }

    private static void CheckIsModelZip(string path)
    {
        string[] entries;
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            entries = zip.Entries.Select(e => e.FullName).ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"Model file '{path}' is not a zip archive (ML.NET saves models as .zip files): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the model file '{path}': {e.Message}", e);
        }
        // Model.Save writes a "Model.key" stream for every saved part (TransformerChain/Model.key, …).
        if (!entries.Any(n => n.EndsWith("Model.key", StringComparison.Ordinal)))
        {
            string listed = entries.Length == 0 ? "nothing"
                : string.Join(", ", entries.Take(ListedEntries)) + (entries.Length > ListedEntries ? $", … ({entries.Length} entries)" : string.Empty);
            throw new CliException($"Model file '{path}' is a zip archive but not an ML.NET model (no Model.key entry); it holds {listed}.");
        }
    }
}
