using System;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Clustering;

/// <summary>
/// ClAM clustering (Saha et al., "End-to-end differentiable clustering with associative memories"; specs/clustering.md
/// Part B): K prototypes trained so that Dense-Associative-Memory dynamics complete masked rows; a row's cluster is the
/// prototype its dynamics end nearest to. Standardisation inside, k-means++ seeding, restarts kept by an unsupervised
/// criterion, weights, early stopping, cancellation and progress (docs/clustering.md, "Clam").
/// </summary>
/// <remarks>Output: the standard <see cref="ClusteringPredictionTransformer{TModel}"/> with <c>Score</c> = ‖v^T − ρ_j‖²
/// (the squared model-space distance of the row after the T inference steps to each prototype; lowest for the assigned
/// cluster, as ML.NET's KMeans) and <c>PredictedLabel</c> = the nearest prototype's key, so
/// <c>mlContext.Clustering.Evaluate</c> works as with KMeans.</remarks>
public sealed partial class ClamTrainer
    : TrainerEstimatorBase<ClusteringPredictionTransformer<ClamModelParameters>, ClamModelParameters>
{
    internal const string LoadName = "Clam";

    private static readonly TrainerInfo TrainerInfoValue = new(normalization: false, caching: false);

    private readonly Options _options;

    internal ClamTrainer(IHostEnvironment env, Options options)
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
    protected override ClusteringPredictionTransformer<ClamModelParameters> MakeTransformer(
        ClamModelParameters model, DataViewSchema trainSchema) => new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override ClamModelParameters TrainModelCore(TrainContext trainContext)
    {
        ArgumentNullException.ThrowIfNull(trainContext);
        Host.CheckAlive();
        int seed = _options.Seed ?? Host.Rand.Next();
        (KernelBackend backend, DataOptions reading) = PrototypeTrainerChecks.Setup(trainContext.TrainingSet, LoadName,
            _options.MaxThreads, _options.CacheLimitBytes);
        IDataView view = trainContext.TrainingSet.Data;
        // ClAM's fit (ClamFit) runs epochs over a row-major matrix, so the rows must fit in memory. Larger data is a
        // named error, not a silent subsample: streaming ClAM's batches would need its fill statistics and masks per
        // streamed batch, which the fit loop does not have.
        InMemoryDataset cached = DataViewLoader.TryLoadInMemory(view, reading)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Clam trains on the rows held in memory, and the data in column '{FeatureColumn.Name}' is larger than the cache limit ({reading.CacheLimitBytes} bytes of dense floats). Raise {nameof(Options)}.{nameof(Options.CacheLimitBytes)} or train on a sample you choose."));
        ulong useed = (ulong)(uint)seed;
        ulong orderSeed = NeuralKMeansFit.Mix(useed, 1);
        // Training runs on standardised rows; the inference map (the T unmasked steps) belongs to the model only.
        using PrototypeTrainingData data = PrototypeTrainingData.Prepare(new InMemoryBatchSource(cached, BatchOrder.Sequential),
            cached, IdentityPrototypeMap.Instance, orderSeed, _options.Standardization == ClamStandardization.PerFeature,
            Math.Max(_options.NumberOfClusters, 1), NeuralKMeansFit.Mix(useed, 2), backend, LoadName, FeatureColumn.Name);
        float[] mean = data.Mean, scale = data.Scale;
        if (_options.Standardization == ClamStandardization.SingleScale)
            (mean, scale) = ClamTrainerFit.ApplySingleScale(data.Sample, data.SampleRows, data.FeatureCount, data.SampleWeights);
        (float[] prototypes, ClamTrainingReport report) fit;
        using (var monitor = new HostTrainingMonitor(Host, LoadName, "loss"))
            fit = ClamTrainerFit.Run(data, _options, seed, backend, monitor);
        return new ClamModelParameters(Host, _options.Beta, _options.Alpha, _options.Steps, mean, scale, fit.prototypes)
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
