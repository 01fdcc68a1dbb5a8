using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Contract.Cases;

/// <summary>Clustering kind, a learned prototype layer behind an encoder: NeuralKMeans in deep mode (TELL's autoencoder
/// front, Euclidean latent space of 10, one hidden layer of 64) on iris. Its saved file is the deep format (version
/// 0x00010002: mode, encoder, decoder), so the fresh-process round trip covers the networks too.</summary>
public sealed class NeuralKMeansDeepCase : ComponentContractCase
{
    private readonly NeuralKMeansCase _shallow = new();

    /// <inheritdoc/>
    public override string Name => "Clustering (NeuralKMeans, deep)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnTypes => _shallow.OwnTypes;

    /// <inheritdoc/>
    public override string LoadedType(string fittedType) => _shallow.LoadedType(fittedType);

    /// <inheritdoc/>
    public override IReadOnlyList<ExpectedColumn> ExpectedColumns => _shallow.ExpectedColumns;

    /// <inheritdoc/>
    public override OnnxExpectation Onnx => new(["Score", "PredictedLabel"], Tolerance.CrossRuntime);

    /// <inheritdoc/>
    protected override string TrainCsv => "iris/iris.csv";

    /// <inheritdoc/>
    protected override TextLoader.Column[] LoaderColumns =>
    [
        new("Label", DataKind.Single, 0),
        new("Features", DataKind.Single, 1, 4),
    ];

    /// <inheritdoc/>
    public override EstimatorChain<ITransformer> CreatePreprocessing(MLContext ml) => new();

    /// <summary>Iris has 150 rows: batches of 16 and 100 pre-training epochs give the autoencoder about 1,000 steps.</summary>
    public override IEstimator<ITransformer> CreateComponent(MLContext ml)
        => ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 3, Seed = 1, Mode = NeuralKMeansMode.Deep, BatchSize = 16, PretrainingEpochs = 100,
        });

    /// <inheritdoc/>
    public override void Evaluate(MLContext ml, IDataView scored)
    {
        ClusteringMetrics metrics = ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features");
        Assert.IsTrue(metrics.NormalizedMutualInformation > 0.6, $"NMI {metrics.NormalizedMutualInformation}");
        Assert.IsTrue(double.IsFinite(metrics.DaviesBouldinIndex) && metrics.DaviesBouldinIndex > 0, $"DBI {metrics.DaviesBouldinIndex}");
        // Squared latent distances: positive and finite (their scale is the encoder's, not the features').
        Assert.IsTrue(metrics.AverageDistance > 0 && double.IsFinite(metrics.AverageDistance), $"average distance {metrics.AverageDistance}");
    }

    /// <inheritdoc/>
    public override void CrossValidate(MLContext ml, IDataView trainRaw)
    {
        var folds = ml.Clustering.CrossValidate(trainRaw, CreatePipeline(ml), numberOfFolds: 3, labelColumnName: "Label",
            featuresColumnName: "Features");
        Assert.AreEqual(3, folds.Count);
        foreach (var fold in folds)
            Assert.IsTrue(fold.Metrics.NormalizedMutualInformation > 0.5, $"fold NMI {fold.Metrics.NormalizedMutualInformation}");
    }

    /// <inheritdoc/>
    public override void CheckPredictionEngine(MLContext ml, ITransformer model, IDataView testRaw)
        => ComparePredictionEngine<ClusteringCase.IrisRow, ClusteringCase.ClusterPrediction>(ml, model, testRaw,
            p => [.. p.Score!, p.PredictedLabel]);

    /// <inheritdoc/>
    public override IEnumerable<BadInput> BadInputs()
        => FeatureBadInputs("Features", "feature", scalarColumn: "Label", nanCsvColumn: 2, size: 4, scoredByPredictionTransformer: true);
}
