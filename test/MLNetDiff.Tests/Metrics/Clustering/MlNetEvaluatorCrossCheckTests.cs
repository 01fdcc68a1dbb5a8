using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MLNetDiff.Metrics;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Metrics.Clustering;

/// <summary>Our metrics against ML.NET's <c>Clustering.Evaluate</c> on a KMeans model where they overlap (spec
/// clustering.md C7): ML.NET's NMI is the label-normalised NMI, AverageDistance is inertia / n (squared distances), and
/// its Davies–Bouldin index is scikit-learn's when no cluster is empty.</summary>
[TestClass]
public sealed class MlNetEvaluatorCrossCheckTests
{
    [TestMethod]
    [DataRow("iris", 3)]
    [DataRow("seeds", 3)]
    [DataRow("digits", 10)]
    public void KMeans_MlNetMetrics_EqualOurs(string dataset, int k)
    {
        var ml = new MLContext(1);
        int d = TestData.FeatureCount(dataset);
        IDataView data = ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Label", DataKind.Single, 0),
            new TextLoader.Column("Features", DataKind.Single, 1, d),
        ], separatorChar: ',', hasHeader: true).Load(TestData.PathOf(dataset));
        var kMeans = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfClusters = k, NumberOfThreads = 1 });
        ClusteringPredictionTransformer<KMeansModelParameters> model = kMeans.Fit(data);
        IDataView scored = model.Transform(data);
        ClusteringMetrics metrics = ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: "Features");

        float[] features = scored.GetColumn<float[]>("Features").SelectMany(r => r).ToArray();
        int[] labels = scored.GetColumn<float>("Label").Select(y => (int)y).ToArray();
        // PredictedLabel is the key argmin + 1.
        int[] clusters = scored.GetColumn<uint>("PredictedLabel").Select(key => (int)key - 1).ToArray();
        int n = labels.Length;
        Assert.AreEqual(k, clusters.Distinct().Count(), "no cluster is empty, so the two Davies–Bouldin conventions agree");
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out int centroidCount);
        Assert.AreEqual(k, centroidCount);
        float[] centers = centroids.SelectMany(c => c.DenseValues()).ToArray();

        Assert.AreEqual(metrics.NormalizedMutualInformation, ClusteringAgreement.LabelNormalizedMutualInformation(labels, clusters), 1e-9,
            "ML.NET's NMI = I / H(label)");
        double inertia = ClusteringGeometry.Inertia(features, d, centers);
        AssertRelative(metrics.AverageDistance, inertia / n, 1e-5, "AverageDistance = inertia / n");
        AssertRelative(metrics.DaviesBouldinIndex, ClusteringGeometry.DaviesBouldin(features, d, clusters), 1e-5, "Davies–Bouldin");
        // The symmetric NMI differs from ML.NET's whenever the cluster entropy differs from the label entropy.
        Assert.AreNotEqual(metrics.NormalizedMutualInformation, ClusteringAgreement.NormalizedMutualInformation(labels, clusters), 1e-6);
    }

    private static void AssertRelative(double expected, double actual, double relative, string what) =>
        Assert.AreEqual(expected, actual, relative * Math.Abs(expected) + 1e-12, $"{what}: ML.NET {expected}, ours {actual}");
}
