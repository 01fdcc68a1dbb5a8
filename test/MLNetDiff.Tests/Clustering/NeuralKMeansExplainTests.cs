using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Explain: per-feature contributions (docs/clustering.md) and their identity Σ c_f = Score[runner-up] −
/// Score[assigned].</summary>
[TestClass]
public sealed class NeuralKMeansExplainTests
{
    [TestMethod]
    [DataRow(NeuralKMeansGeometry.Euclidean)]
    [DataRow(NeuralKMeansGeometry.Spherical)]
    public void Contributions_SumToTheDistanceGap_AndAgreeWithTheScoreColumn(NeuralKMeansGeometry geometry)
    {
        var ml = new MLContext(1);
        var rows = ClusteringTestData.Blobs(3, 6, 300, 1.0, 3, 31);
        IDataView data = ClusteringTestData.Load(ml, rows, 6);
        var transformer = ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 3, Geometry = geometry, Seed = 2,
        }).Fit(data);
        IDataView scored = transformer.Transform(data);
        float[][] scores = ClusteringTestData.Scores(scored);
        int[] labels = ClusteringTestData.Labels(scored);
        for (int i = 0; i < rows.Count; i++)
        {
            ClusterExplanation e = transformer.Model.Explain(rows[i].Features);
            Assert.AreEqual(labels[i], e.AssignedCluster, $"row {i}");
            CollectionAssert.AreEqual(scores[i], e.Distances.ToArray(), $"row {i}");
            Assert.AreNotEqual(e.AssignedCluster, e.RunnerUpCluster);
            float second = scores[i].Where((_, j) => j != labels[i]).Min();
            Assert.AreEqual(second, scores[i][e.RunnerUpCluster], $"row {i}: the runner-up is the second-nearest");
            double gap = (double)scores[i][e.RunnerUpCluster] - scores[i][e.AssignedCluster];
            Assert.IsGreaterThanOrEqualTo(0.0, gap);
            Assert.AreEqual(gap, e.Contributions.Sum(), 1e-5 * (1 + Math.Abs(gap)), $"row {i}");
            Assert.AreEqual(e.Margin, e.Contributions.Sum(), 1e-12);
        }
    }

    /// <summary>On blobs that differ in one feature each, the feature that decides a clear row's assignment is its own
    /// blob's feature or the runner-up's (the two coordinates in which the prototypes differ most).</summary>
    [TestMethod]
    public void TheDecidingFeature_IsTheBlobsOwnOrTheRunnerUps()
    {
        var ml = new MLContext(1);
        var rows = ClusteringTestData.Blobs(4, 8, 400, 0.5, 5, 37);
        var transformer = ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options { NumberOfClusters = 4, Seed = 3 })
            .Fit(ClusteringTestData.Load(ml, rows, 8));
        float[][] prototypes = transformer.Model.GetPrototypes();
        foreach (var row in rows.Take(40))
        {
            ClusterExplanation e = transformer.Model.Explain(row.Features);
            int own = Array.IndexOf(prototypes[e.AssignedCluster], prototypes[e.AssignedCluster].Max());
            int other = Array.IndexOf(prototypes[e.RunnerUpCluster], prototypes[e.RunnerUpCluster].Max());
            Assert.AreEqual((int)row.Label, own, "the blobs are found");
            int top = e.RankFeatures()[0];
            Assert.IsTrue(top == own || top == other, $"top feature {top}, blob feature {own}, runner-up's {other}");
        }
    }
}
