using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;
using MLNetDiff.Testing.Quality;

namespace MLNetDiff.Tests.Contract.Cases;

/// <summary>Clustering kind, a learned prototype layer: Clam (ClAM associative-memory clustering, 3 clusters, B6 defaults) on iris.</summary>
public sealed class ClamCase : ComponentContractCase
{
    /// <inheritdoc/>
    public override string Name => "Clustering (Clam)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnTypes => ["MLNetDiff.Clustering.ClamModelParameters"];

    /// <summary>As <see cref="ClusteringCase.LoadedType"/>: ML.NET reloads every clustering transformer as
    /// <c>ClusteringPredictionTransformer&lt;IPredictorProducing&lt;VBuffer&lt;float&gt;&gt;&gt;</c>; its Model is ours.</summary>
    public override string LoadedType(string fittedType) => fittedType.Replace(
        "ClusteringPredictionTransformer<MLNetDiff.Clustering.ClamModelParameters>",
        "ClusteringPredictionTransformer<Microsoft.ML.IPredictorProducing<Microsoft.ML.Data.VBuffer<System.Single>>>",
        System.StringComparison.Ordinal);

    /// <inheritdoc/>
    public override IReadOnlyList<ExpectedColumn> ExpectedColumns =>
    [
        new("Score", "Vector<Single, 3>", ExpectedColumn.ScoreAnnotations, "Clustering"),
        new("PredictedLabel", "Key<UInt32, 0-2>", ExpectedColumn.ScoreAnnotations, "Clustering"),
    ];

    /// <inheritdoc/>
    public override OnnxExpectation Onnx => new(["Score", "PredictedLabel"], Tolerance.CrossRuntime);

    /// <summary>Against ML.NET's KMeans on z-scored features (<c>NormalizeMeanVariance(fixZero: false)</c>: Clam z-scores
    /// inside, so both cluster the same geometry), 5 folds of iris, ML.NET's NMI (<see cref="NeuralKMeansCase.Nmi"/>).
    /// Measured (2026-12-03): NMI 0.693 ± 0.159 for Clam
    /// (defaults: 5 restarts kept by silhouette), 0.694 ± 0.178 for KMeans; the margin allows 0.02, as NeuralKMeans'.</summary>
    public override QualityBaseline Quality => new("KMeans (z-score)",
        ml => ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Append(ml.Clustering.Trainers.KMeans(numberOfClusters: 3)),
        NeuralKMeansCase.Nmi, Margin: 0.02, Folds: 5);

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

    /// <inheritdoc/>
    public override IEstimator<ITransformer> CreateComponent(MLContext ml)
        => ml.Clustering.Trainers.Clam(new ClamTrainer.Options { NumberOfClusters = 3, Seed = 1 });

    /// <inheritdoc/>
    public override void Evaluate(MLContext ml, IDataView scored)
    {
        ClusteringMetrics metrics = ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features");
        // 0.548 on this split (seed 1): on iris the silhouette prefers a solution near "setosa against the rest" (its
        // silhouette is higher than the three-species one's), so the bar is lower than NeuralKMeans' 0.6; the quality
        // baseline above holds Clam to KMeans on 5 folds.
        Assert.IsTrue(metrics.NormalizedMutualInformation > 0.5, $"NMI {metrics.NormalizedMutualInformation}");
        Assert.IsTrue(double.IsFinite(metrics.DaviesBouldinIndex) && metrics.DaviesBouldinIndex > 0, $"DBI {metrics.DaviesBouldinIndex}");
        // Squared distances in standardised units: the mean over rows of the nearest one is well below d = 4.
        Assert.IsTrue(metrics.AverageDistance > 0 && metrics.AverageDistance < 2, $"average distance {metrics.AverageDistance}");
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
