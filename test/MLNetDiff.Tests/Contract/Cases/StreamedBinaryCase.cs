using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Tests.Fixtures;

namespace MLNetDiff.Tests.Contract.Cases;

/// <summary>
/// Binary kind, streamed: <see cref="FixtureStreamedLogisticTrainer"/> (reads through the engine's streaming source,
/// never caching the rows) on breast_cancer_wdbc after ML.NET's mean-variance normalizer. Its bad inputs are AnyLoss's
/// (<see cref="AnyLossCase"/>), with the same messages: a streamed component passes the contract an in-memory one does.
/// </summary>
public sealed class StreamedBinaryCase : ComponentContractCase
{
    /// <summary>Training epochs: each one reads the data again through a fresh cursor.</summary>
    public const int Epochs = 40;

    /// <inheritdoc/>
    public override string Name => "Binary streamed (FixtureStreamedLogistic)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnTypes =>
    [
        "Microsoft.ML.Data.BinaryPredictionTransformer<MLNetDiff.Tests.Fixtures.FixtureLinearBinaryModelParameters>",
        "MLNetDiff.Tests.Fixtures.FixtureLinearBinaryModelParameters",
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ExpectedColumn> ExpectedColumns =>
    [
        new("Score", "Single", ExpectedColumn.ScoreAnnotations, "BinaryClassification"),
        new("PredictedLabel", "Boolean", ExpectedColumn.ScoreAnnotations, "BinaryClassification"),
    ];

    /// <inheritdoc/>
    protected override string TrainCsv => WdbcData.Csv;

    /// <inheritdoc/>
    protected override TextLoader.Column[] LoaderColumns => WdbcData.Columns;

    /// <inheritdoc/>
    public override EstimatorChain<ITransformer> CreatePreprocessing(MLContext ml)
        => new EstimatorChain<ITransformer>().Append<ITransformer>(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false));

    /// <inheritdoc/>
    public override IEstimator<ITransformer> CreateComponent(MLContext ml)
        => ml.BinaryClassification.Trainers.FixtureStreamedLogistic(epochs: Epochs, seed: 1);

    /// <inheritdoc/>
    public override void Evaluate(MLContext ml, IDataView scored)
    {
        BinaryClassificationMetrics metrics = ml.BinaryClassification.EvaluateNonCalibrated(scored);
        Assert.IsTrue(metrics.F1Score > 0.9, $"F1 {metrics.F1Score}");
        Assert.IsTrue(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
    }

    /// <inheritdoc/>
    public override void CrossValidate(MLContext ml, IDataView trainRaw)
    {
        var folds = ml.BinaryClassification.CrossValidateNonCalibrated(trainRaw, CreatePipeline(ml), numberOfFolds: 3);
        Assert.AreEqual(3, folds.Count);
        foreach (var fold in folds)
            Assert.IsTrue(fold.Metrics.F1Score > 0.85, $"fold F1 {fold.Metrics.F1Score}");
    }

    /// <inheritdoc/>
    public override void CheckPredictionEngine(MLContext ml, ITransformer model, IDataView testRaw)
        => ComparePredictionEngine<WdbcRow, BinaryScore>(ml, model, testRaw, p => [p.Score, p.PredictedLabel ? 1 : 0]);

    /// <inheritdoc/>
    // AnyLoss's own list (its NaN input is built from the raw CSV, before any normalizer): the same inputs, the same messages.
    public override IEnumerable<BadInput> BadInputs() => new AnyLossCase().BadInputs();

    /// <summary>An uncalibrated binary prediction.</summary>
    public sealed class BinaryScore
    {
        /// <summary>Logit; &gt; 0 is the decision.</summary>
        public float Score { get; set; }

        /// <summary>Score &gt; 0.</summary>
        public bool PredictedLabel { get; set; }
    }
}
