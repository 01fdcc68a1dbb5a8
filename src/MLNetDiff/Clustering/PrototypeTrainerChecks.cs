using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Clustering;

/// <summary>What every prototype clusterer's trainer (NeuralKMeans, Clam) checks and sets up the same way: the feature and
/// weight columns (named errors), the clustering output columns, the kernel backend with its thread budget, and the
/// engine's reading options with the cache limit.</summary>
internal static class PrototypeTrainerChecks
{
    /// <summary>Score and PredictedLabel, after checking the feature column is a known-size Single vector.</summary>
    public static SchemaShape.Column[] OutputColumns(SchemaShape inputSchema, string featureColumn)
    {
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, featureColumn, "feature", nameof(inputSchema));
        return TrainerOutputColumns.Clustering();
    }

    /// <summary>Checks the feature column and, when one is named, the Single weight column of <paramref name="data"/>.</summary>
    public static void CheckRoles(IDataView data, string featureColumn, string? weightColumn)
    {
        ArgumentNullException.ThrowIfNull(data);
        SchemaChecks.RequireKnownSizeSingleVector(data.Schema, featureColumn, "feature", nameof(data));
        if (weightColumn is { } weight)
            SchemaChecks.RequireScalar(data.Schema, weight, "weight", t => t == NumberDataViewType.Single, "Single", nameof(data));
    }

    /// <summary>The default backend limited to <paramref name="maxThreads"/>, and the reading options of the training set
    /// with <paramref name="cacheLimitBytes"/> (null = the engine's default).</summary>
    public static (KernelBackend Backend, DataOptions Reading) Setup(RoleMappedData trainingSet, string loadName,
        int? maxThreads, long? cacheLimitBytes)
    {
        KernelBackend backend = KernelBackends.Default;
        if (maxThreads is int threads)
            backend = backend.WithMaxThreads(threads);
        DataOptions reading = RoleMappedTrainingData.Options(trainingSet, loadName);
        reading.CacheLimitBytes = cacheLimitBytes ?? DataOptions.DefaultCacheLimitBytes;
        return (backend, reading);
    }
}
