using System;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Classification;

/// <summary>
/// Binary classifier trained to maximise a confusion-matrix metric directly (F1, F-beta, G-mean, balanced accuracy,
/// MCC, accuracy, precision, recall) through AnyLoss's amplified soft confusion matrix (specs/anyloss.md).
/// </summary>
/// <remarks>
/// <para>Model: a linear model or a multi-layer perceptron with one logit output, trained with Adam on stratified
/// mini-batches; the loss 1 − M(soft counts) and its gradient are computed in double. Early stopping keeps the epoch
/// with the best hard metric on validation rows.</para>
/// <para>Output: the standard <see cref="BinaryPredictionTransformer{TModel}"/> with <c>Score</c> (a logit: <c>Score &gt;
/// 0</c> is exactly the trained decision, which is what <c>BinaryClassification.Evaluate</c> measures),
/// <c>Probability</c> = σ(network logit) through a fixed <see cref="PlattCalibrator"/>, and <c>PredictedLabel</c>.
/// AnyLoss pushes probabilities towards 0 and 1: they rank well but are not calibrated; append a calibrator when
/// calibrated probabilities matter.</para>
/// </remarks>
public sealed partial class AnyLossTrainer
    : TrainerEstimatorBase<BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>,
        CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>
{
    internal const string LoadName = "AnyLoss";

    private static readonly TrainerInfo TrainerInfoValue = new(normalization: false, calibration: false, caching: false, supportValid: true);

    private readonly Options _options;

    internal AnyLossTrainer(IHostEnvironment env, Options options)
        : base(CheckEnv(env).Register(LoadName),
            TrainerUtils.MakeR4VecFeature(CheckOptions(options).FeatureColumnName),
            TrainerUtils.MakeBoolScalarLabel(options.LabelColumnName))
    {
        _options = options.Clone();
    }

    /// <summary>Tells ML.NET that features need no normalizer (the trainer standardises internally), no caching and
    /// that validation data is used.</summary>
    public override TrainerInfo Info => TrainerInfoValue;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.BinaryClassification;

    /// <summary>Trains with explicit validation rows (used for early stopping and the threshold search instead of a
    /// split of the training rows).</summary>
    public BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>> Fit(
        IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        return TrainTransformer(trainData, validationData);
    }

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema) =>
        TrainerOutputColumns.Binary(calibrated: true);

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
    protected override BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>> MakeTransformer(
        CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator> model, DataViewSchema trainSchema) =>
        new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator> TrainModelCore(TrainContext trainContext)
    {
        ArgumentNullException.ThrowIfNull(trainContext);
        Host.CheckAlive();
        int seed = _options.Seed ?? Host.Rand.Next();
        InMemoryDataset train = BinaryTrainingData.Load(trainContext.TrainingSet, LoadName, "training", requireBothClasses: true);
        InMemoryDataset? validation = trainContext.ValidationSet is { } v
            ? BinaryTrainingData.Load(v, LoadName, "validation", requireBothClasses: false)
            : null;
        if (validation is not null && validation.FeatureCount != train.FeatureCount)
            throw new ArgumentException(
                $"The validation data has {validation.FeatureCount} features in column '{FeatureColumn.Name}'; the training data has {train.FeatureCount}.",
                nameof(trainContext));

        AnyLossFit fit;
        using (var monitor = new HostTrainingMonitor(Host, LoadName, _options.Metric.ToString()))
            fit = AnyLossFit.Run(train, validation, _options, seed, monitor);

        // The report belongs to the fitted model, not to the estimator: an estimator stays immutable and reusable.
        var model = new AnyLossModelParameters(Host, fit.Network, _options.Metric, _options.Beta, _options.Amplification,
            fit.Report.DecisionThreshold)
        {
            TrainingReport = fit.Report,
        };
        // Probability = σ(network logit) = σ(Score + τ): Platt's 1 / (1 + exp(slope·Score + offset)) with slope −1, offset −τ.
        var calibrator = new PlattCalibrator(Host, -1.0, -fit.Report.DecisionThreshold);
        return new ValueMapperCalibratedModelParameters<AnyLossModelParameters, PlattCalibrator>(Host, model, calibrator);
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
