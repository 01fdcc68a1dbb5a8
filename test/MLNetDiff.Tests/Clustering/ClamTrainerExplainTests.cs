using System;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Clam's Explain (docs/clustering.md): per-feature contributions over the row after the T steps, summing to
/// Score[runner-up] − Score[assigned]; prototypes in input units.</summary>
[TestClass]
public sealed class ClamTrainerExplainTests
{
    [TestMethod]
    public void Contributions_SumToTheScoreGap_AndAgreeWithTheScoreColumn()
    {
        var ml = new MLContext(1);
        var rows = ClusteringTestData.Blobs(3, 6, 300, 1.0, 3, 31);
        var transformer = ml.Clustering.Trainers.Clam(new ClamTrainer.Options { NumberOfClusters = 3, Seed = 2, NumberOfEpochs = 50 })
            .Fit(ClusteringTestData.Load(ml, rows, 6));
        IDataView scored = transformer.Transform(ClusteringTestData.Load(ml, rows, 6));
        float[][] scores = ClusteringTestData.Scores(scored);
        int[] labels = ClusteringTestData.Labels(scored);
        for (int i = 0; i < rows.Count; i++)
        {
            ClusterExplanation e = transformer.Model.Explain(rows[i].Features);
            Assert.AreEqual(labels[i], e.AssignedCluster, $"row {i}");
            CollectionAssert.AreEqual(scores[i], e.Distances.ToArray(), $"row {i}");
            Assert.AreNotEqual(e.AssignedCluster, e.RunnerUpCluster);
            double gap = (double)scores[i][e.RunnerUpCluster] - scores[i][e.AssignedCluster];
            Assert.IsGreaterThanOrEqualTo(0.0, gap);
            Assert.AreEqual(gap, e.Contributions.Sum(), 1e-5 * (1 + Math.Abs(gap)), $"row {i}");
        }
    }

    /// <summary>Prototypes in input units are attractors, not centroids: each blob (centre 5·e_j) gets one, largest in
    /// the blob's feature, and it lies beyond the centre, away from the feature mean. The loss asks that T steps of size α
    /// take a masked coordinate from the fill (the mean) to its value, and the steps cover only 1 − (1 − α)^T = 0.65 of
    /// the way to ρ̄, so ρ overshoots the centre by about 1/0.65 in standardised units.</summary>
    [TestMethod]
    public void Prototypes_InInputUnits_AreAttractorsBeyondTheBlobCentres()
    {
        var ml = new MLContext(1);
        var rows = ClusteringTestData.Blobs(3, 5, 600, 0.5, 5, 23);
        var model = ml.Clustering.Trainers.Clam(new ClamTrainer.Options { NumberOfClusters = 3, Seed = 1 })
            .Fit(ClusteringTestData.Load(ml, rows, 5)).Model;
        var matched = new System.Collections.Generic.HashSet<int>();
        foreach (float[] p in model.GetPrototypes())
        {
            int blob = Array.IndexOf(p, p.Max());
            matched.Add(blob);
            // The blob's own feature: centre 5, mean 5/3; the prototype is past the centre.
            Assert.IsGreaterThan(5.0, p[blob], string.Join(", ", p));
            // Features 0..2 of the other blobs: centre 0, mean 5/3; the prototype is below 0.
            for (int f = 0; f < 3; f++)
            {
                if (f != blob)
                    Assert.IsLessThan(0.0, p[f], $"prototype of blob {blob}, feature {f}: {string.Join(", ", p)}");
            }
        }
        Assert.HasCount(3, matched);
    }
}
