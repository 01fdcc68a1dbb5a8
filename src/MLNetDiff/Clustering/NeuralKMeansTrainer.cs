using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Clustering;

/// <summary>
/// Interpretable neural k-means (TELL: Peng et al., JMLR 2022; specs/clustering.md Part A): k-means written as a
/// prototype layer trained by mini-batch steps, with standardisation inside, k-means++ seeding, restarts keeping the
/// lowest objective, early stopping, weights and streaming (docs/clustering.md); shallow, or deep with TELL's
/// autoencoder front (<see cref="NeuralKMeansMode.Deep"/>).
/// </summary>
/// <remarks>Output: the standard <see cref="ClusteringPredictionTransformer{TModel}"/> with <c>Score</c> = squared
/// model-space distance to each prototype (lowest for the assigned cluster, as ML.NET's KMeans) and <c>PredictedLabel</c>
/// = the nearest prototype's key, so <c>mlContext.Clustering.Evaluate</c> works as with KMeans.</remarks>
public sealed partial class NeuralKMeansTrainer
    : TrainerEstimatorBase<ClusteringPredictionTransformer<NeuralKMeansModelParameters>, NeuralKMeansModelParameters>
{
    internal const string LoadName = "NeuralKMeans";

    private static readonly TrainerInfo TrainerInfoValue = new(normalization: false, caching: false);

    private readonly Options _options;

    internal NeuralKMeansTrainer(IHostEnvironment env, Options options)
        : base(CheckEnv(env).Register(LoadName), TrainerUtils.MakeR4VecFeature(CheckOptions(options).FeatureColumnName),
            label: default, weight: TrainerUtils.MakeR4ScalarWeightColumn(options.ExampleWeightColumnName))
    {
        _options = options.Clone();
    }

    /// <summary>No normalizer needed (the trainer standardises internally), no caching (it reads the data itself).</summary>
    public override TrainerInfo Info => TrainerInfoValue;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Clustering;

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema)
        => PrototypeTrainerChecks.OutputColumns(inputSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override RoleMappedData MakeRoles(IDataView data)
    {
        PrototypeTrainerChecks.CheckRoles(data, FeatureColumn.Name, _options.ExampleWeightColumnName);
        return base.MakeRoles(data);
    }

    /// <inheritdoc/>
    protected override ClusteringPredictionTransformer<NeuralKMeansModelParameters> MakeTransformer(
        NeuralKMeansModelParameters model, DataViewSchema trainSchema) => new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override NeuralKMeansModelParameters TrainModelCore(TrainContext trainContext)
    {
        ArgumentNullException.ThrowIfNull(trainContext);
        Host.CheckAlive();
        int seed = _options.Seed ?? Host.Rand.Next();
        (KernelBackend backend, DataOptions reading) = PrototypeTrainerChecks.Setup(trainContext.TrainingSet, LoadName,
            _options.MaxThreads, _options.CacheLimitBytes);
        IDataView view = trainContext.TrainingSet.Data;
        ulong useed = (ulong)(uint)seed;
        ulong orderSeed = NeuralKMeansFit.Mix(useed, 1);
        // Data within the cache limit is read once and transformed once; larger data is streamed (memory bounded by the
        // batch, the shuffle buffer and the seeding sample). Both read through the engine's one reader (same errors).
        InMemoryDataset? cached = DataViewLoader.TryLoadInMemory(view, reading);
        BatchSource source = cached is not null
            ? new InMemoryBatchSource(cached, BatchOrder.Sequential)
            : DataViewLoader.CreateStreamingSource(view, reading, BatchOrder.Shuffled, orderSeed);
        bool deep = _options.Mode == NeuralKMeansMode.Deep;
        // Deep mode reads standardised rows and maps them itself (the encoder trains); shallow mode maps them once here.
        PrototypeMap map = deep || _options.Geometry == NeuralKMeansGeometry.Euclidean
            ? IdentityPrototypeMap.Instance
            : UnitSpherePrototypeMap.Instance;
        using PrototypeTrainingData data = PrototypeTrainingData.Prepare(source, cached, map, orderSeed, _options.StandardizeFeatures,
            _options.InitializationSampleRows, NeuralKMeansFit.Mix(useed, 2), backend, LoadName, FeatureColumn.Name);
        using var monitor = new HostTrainingMonitor(Host, LoadName, "objective");
        if (deep)
        {
            NeuralKMeansDeepFit.Result result = NeuralKMeansDeepFit.Run(data, _options, seed, backend, monitor);
            return new NeuralKMeansModelParameters(Host, _options.Geometry, data.Mean, data.Scale, result.Prototypes,
                result.Encoder, result.Decoder)
            {
                TrainingReport = result.Report,
            };
        }
        (float[] prototypes, NeuralKMeansTrainingReport report) fit = NeuralKMeansFit.Run(data, _options, seed, backend, monitor);
        return new NeuralKMeansModelParameters(Host, _options.Geometry, data.Mean, data.Scale, fit.prototypes)
        {
            TrainingReport = fit.report,
        };
    }

    private static IHostEnvironment CheckEnv(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env;
    }

    private static Options CheckOptions(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
