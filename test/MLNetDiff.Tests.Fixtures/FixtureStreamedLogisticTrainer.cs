using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// Streamed binary fixture: logistic regression (one Linear layer, BCE on the logit, Adam) trained through the engine's
/// streaming source (<see cref="DataViewLoader.CreateStreamingSource"/> with <see cref="DataOptions.CacheLimitBytes"/> = 0),
/// so no more than the shuffle buffer and one batch of rows is ever held.
/// </summary>
/// <remarks>
/// Why a fixture and not AnyLoss: AnyLoss's fit (src/MLNetDiff/Classification/AnyLossFit.cs) splits rows by index,
/// fits its standardizer and searches its threshold on in-memory rows, so making it stream is a change of the trainer,
/// not of its reading. This fixture is the smallest real trainer that streams, so the shared contract proves that a
/// streamed component gets the same checks and the same errors as an in-memory one: the binary label rules are checked
/// on a streamed first pass (<see cref="StreamedBinaryLabels"/>), worded as the in-memory rules
/// (<see cref="BinaryTrainingData"/>) word them.
/// </remarks>
public sealed class FixtureStreamedLogisticTrainer
    : TrainerEstimatorBase<BinaryPredictionTransformer<FixtureLinearBinaryModelParameters>, FixtureLinearBinaryModelParameters>
{
    internal const string LoadName = "FixtureStreamedLogistic";

    /// <summary>Rows buffered for the shuffle; also the bound on memory, with the batch.</summary>
    public const int ShuffleBufferRows = 128;

    private const int BatchSize = 16;

    // normalization: true: a linear model trained by Adam wants standardized features (the contract case puts ML.NET's
    // centring mean-variance normalizer first; without centring its test F1 stayed near 0.89 instead of above 0.9).
    private static readonly TrainerInfo _info = new(normalization: true, caching: false);
    private readonly int _epochs;
    private readonly int _seed;

    internal FixtureStreamedLogisticTrainer(IHostEnvironment env, string labelColumnName, string featureColumnName, int epochs, int seed)
        : base(env.Register(LoadName), TrainerUtils.MakeR4VecFeature(featureColumnName), TrainerUtils.MakeBoolScalarLabel(labelColumnName))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        _epochs = epochs;
        _seed = seed;
    }

    /// <inheritdoc/>
    public override TrainerInfo Info => _info;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.BinaryClassification;

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema) => TrainerOutputColumns.Binary(calibrated: false);

    /// <inheritdoc/>
    protected override void CheckLabelCompatible(SchemaShape.Column labelCol)
    {
        bool ok = labelCol.Kind == SchemaShape.Column.VectorKind.Scalar
            && (labelCol.ItemType == BooleanDataViewType.Instance || labelCol.ItemType == NumberDataViewType.Single);
        if (!ok)
            throw SchemaChecks.Mismatch("label", labelCol.Name, BinaryTrainingData.ExpectedLabel,
                labelCol.Kind == SchemaShape.Column.VectorKind.Scalar ? SchemaChecks.TypeName(labelCol.ItemType) : $"{labelCol.Kind}<{labelCol.ItemType}>",
                nameof(labelCol));
    }

    /// <inheritdoc/>
    protected override BinaryPredictionTransformer<FixtureLinearBinaryModelParameters> MakeTransformer(
        FixtureLinearBinaryModelParameters model, DataViewSchema trainSchema)
        => new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override FixtureLinearBinaryModelParameters TrainModelCore(TrainContext trainContext)
    {
        ArgumentNullException.ThrowIfNull(trainContext);
        DataOptions options = RoleMappedTrainingData.Options(trainContext.TrainingSet, LoadName);
        options.CacheLimitBytes = 0;
        options.ShuffleBufferRows = ShuffleBufferRows;
        IDataView data = trainContext.TrainingSet.Data;
        StreamedBinaryLabels.Check(data, options, "training");

        using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(data, options, BatchOrder.Shuffled, (ulong)(uint)_seed);
        int d = source.FeatureCount;
        Sequential network = MultiLayerPerceptron.Create(d, [], 1, seed: (ulong)(uint)_seed);
        var training = new TrainingOptions { Epochs = _epochs, BatchSize = BatchSize, LearningRate = 0.03f, Seed = _seed };
        new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), training).Fit(source, null);

        // One Linear layer: d weights (one output), then the bias.
        ReadOnlySpan<float> parameters = network.GetLayerParameters(0);
        return new FixtureLinearBinaryModelParameters(Host, parameters[..d].ToArray(), parameters[d]);
    }
}
