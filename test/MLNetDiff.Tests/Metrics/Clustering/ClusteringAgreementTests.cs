using System;
using System.Collections.Generic;
using System.Linq;
using MLNetDiff.Metrics;

namespace MLNetDiff.Tests.Metrics.Clustering;

/// <summary>NMI (every average), the label-normalised NMI ML.NET reports, ARI and Hungarian accuracy against the spec's
/// hand-checked vectors (clustering.md Part C), its edge cases, label permutations and a brute-force accuracy.</summary>
[TestClass]
public sealed class ClusteringAgreementTests
{
    private const double Tolerance = 1e-6;

    // Spec C, hand-checked (pure Python): y = [0,0,1,2], c = [0,0,1,1].
    private static readonly int[] Y = [0, 0, 1, 2];
    private static readonly int[] C = [0, 0, 1, 1];

    [TestMethod]
    public void SpecVector_AllMetrics()
    {
        Assert.AreEqual(4.0 / 7, ClusteringAgreement.AdjustedRandIndex(Y, C), Tolerance);
        Assert.AreEqual(0.8, ClusteringAgreement.NormalizedMutualInformation(Y, C), Tolerance);
        Assert.AreEqual(0.816497, ClusteringAgreement.NormalizedMutualInformation(Y, C, NmiAverage.Geometric), Tolerance);
        Assert.AreEqual(2.0 / 3, ClusteringAgreement.LabelNormalizedMutualInformation(Y, C), Tolerance);
        Assert.AreEqual(0.75, ClusteringAgreement.Accuracy(Y, C), Tolerance);
    }

    [TestMethod]
    public void SpecVector_MaxAndMinAverages_FollowFromTheEntropies()
    {
        // H(y) = 1.5 ln 2, H(c) = ln 2, I = ln 2 (c is a function of y): max → I/H(y), min → I/H(c) = 1.
        Assert.AreEqual(2.0 / 3, ClusteringAgreement.NormalizedMutualInformation(Y, C, NmiAverage.Max), Tolerance);
        Assert.AreEqual(1.0, ClusteringAgreement.NormalizedMutualInformation(Y, C, NmiAverage.Min), Tolerance);
        // Label-normalised NMI is not symmetric: normalised by H(c) it is 1.
        Assert.AreEqual(1.0, ClusteringAgreement.LabelNormalizedMutualInformation(C, Y), Tolerance);
    }

    [TestMethod]
    public void Nmi_EdgeCases()
    {
        int[] one = [5, 5, 5, 5];
        int[] split = [0, 1, 0, 1];
        // C1: both one cluster → 1; exactly one of them one cluster → 0.
        Assert.AreEqual(1.0, ClusteringAgreement.NormalizedMutualInformation(one, one));
        Assert.AreEqual(0.0, ClusteringAgreement.NormalizedMutualInformation(one, split));
        Assert.AreEqual(0.0, ClusteringAgreement.NormalizedMutualInformation(split, one));
        // Independent labelings: I = 0.
        Assert.AreEqual(0.0, ClusteringAgreement.NormalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), 1e-12);
        // Identical up to renaming: 1 for every average.
        foreach (NmiAverage average in Enum.GetValues<NmiAverage>())
            Assert.AreEqual(1.0, ClusteringAgreement.NormalizedMutualInformation([0, 0, 1, 2], [7, 7, -3, 4], average), 1e-12, average.ToString());
        // Splitting a class into clusters lowers NMI but not the label-normalised form (spec C7).
        int[] classes = [0, 0, 0, 0, 1, 1, 1, 1];
        int[] finer = [0, 0, 1, 1, 2, 2, 3, 3];
        Assert.IsLessThan(1.0, ClusteringAgreement.NormalizedMutualInformation(classes, finer));
        Assert.AreEqual(1.0, ClusteringAgreement.LabelNormalizedMutualInformation(classes, finer), 1e-12);
        Assert.AreEqual(1.0, ClusteringAgreement.LabelNormalizedMutualInformation(one, split), "one class: sklearn's homogeneity is 1");
    }

    [TestMethod]
    public void Ari_EdgeCases()
    {
        // C2: both all-singletons, or both one cluster: Max = Expected → 1.
        Assert.AreEqual(1.0, ClusteringAgreement.AdjustedRandIndex([0, 1, 2, 3], [3, 2, 1, 0]));
        Assert.AreEqual(1.0, ClusteringAgreement.AdjustedRandIndex([1, 1, 1], [0, 0, 0]));
        // The bottom of the range: two pairs crossed. Index 0, Expected 2·2/6, Max 2: (0 − 2/3)/(2 − 2/3) = −0.5.
        Assert.AreEqual(-0.5, ClusteringAgreement.AdjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), 1e-12);
        Assert.AreEqual(1.0, ClusteringAgreement.AdjustedRandIndex(Y, Y), 1e-12);
    }

    [TestMethod]
    public void Metrics_AreSymmetric_AndInvariantToRenamingLabelsAndClusters()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = random.Next(5, 60);
            int[] labels = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
            int[] clusters = Enumerable.Range(0, n).Select(_ => random.Next(5)).ToArray();
            int[] perm = Enumerable.Range(0, 5).OrderBy(_ => random.Next()).ToArray();
            int[] renamedLabels = labels.Select(l => 100 - 3 * l).ToArray();
            int[] renamedClusters = clusters.Select(c => perm[c]).ToArray();
            double nmi = ClusteringAgreement.NormalizedMutualInformation(labels, clusters);
            Assert.AreEqual(nmi, ClusteringAgreement.NormalizedMutualInformation(renamedLabels, renamedClusters), 1e-12);
            Assert.AreEqual(nmi, ClusteringAgreement.NormalizedMutualInformation(clusters, labels), 1e-12, "NMI is symmetric");
            double ari = ClusteringAgreement.AdjustedRandIndex(labels, clusters);
            Assert.AreEqual(ari, ClusteringAgreement.AdjustedRandIndex(renamedLabels, renamedClusters), 1e-12);
            Assert.AreEqual(ari, ClusteringAgreement.AdjustedRandIndex(clusters, labels), 1e-12, "ARI is symmetric");
            Assert.AreEqual(ClusteringAgreement.Accuracy(labels, clusters), ClusteringAgreement.Accuracy(renamedLabels, renamedClusters), 1e-12);
            Assert.AreEqual(ClusteringAgreement.LabelNormalizedMutualInformation(labels, clusters),
                ClusteringAgreement.LabelNormalizedMutualInformation(renamedLabels, renamedClusters), 1e-12);
        }
    }

    [TestMethod]
    public void Accuracy_EqualsTheBestOneToOneMap_ByBruteForce_RectangularToo()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 40; trial++)
        {
            int labelCount = random.Next(1, 6), clusterCount = random.Next(1, 6);
            int n = random.Next(1, 40);
            int[] labels = Enumerable.Range(0, n).Select(_ => random.Next(labelCount)).ToArray();
            int[] clusters = Enumerable.Range(0, n).Select(_ => random.Next(clusterCount)).ToArray();
            Assert.AreEqual(BruteForceAccuracy(labels, clusters), ClusteringAgreement.Accuracy(labels, clusters), 1e-12,
                $"labels {string.Join(",", labels)} clusters {string.Join(",", clusters)}");
        }
    }

    [TestMethod]
    public void Accuracy_UnmatchedClustersCountAsErrors()
    {
        // Four clusters, two labels: at most two clusters are matched; the other two clusters' rows are errors.
        Assert.AreEqual(0.5, ClusteringAgreement.Accuracy([0, 0, 1, 1], [0, 1, 2, 3]), 1e-12);
        // One cluster, three labels: only the largest label's rows can be right.
        Assert.AreEqual(0.5, ClusteringAgreement.Accuracy([0, 0, 0, 1, 1, 2], [9, 9, 9, 9, 9, 9]), 1e-12);
    }

    [TestMethod]
    public void Hungarian_MatchesBruteForceMinimumCost()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 50; trial++)
        {
            int rows = random.Next(1, 6), columns = random.Next(1, 6);
            var cost = new double[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                    cost[r, c] = Math.Round(random.NextDouble() * 10, 1) - 3;
            }
            int[] assignment = HungarianAssignment.Solve(cost);
            Assert.HasCount(rows, assignment);
            Assert.AreEqual(Math.Min(rows, columns), assignment.Count(a => a >= 0), "as many pairs as the smaller side");
            Assert.AreEqual(assignment.Where(a => a >= 0).Count(), assignment.Where(a => a >= 0).Distinct().Count(), "one-to-one");
            double total = Enumerable.Range(0, rows).Where(r => assignment[r] >= 0).Sum(r => cost[r, assignment[r]]);
            Assert.AreEqual(BruteForceMinimum(cost), total, 1e-9);
        }
    }

    [TestMethod]
    public void BadInput_IsNamed()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => ClusteringAgreement.NormalizedMutualInformation([0, 1, 1], [0, 1]));
        Assert.AreEqual("clusters", e.ParamName);
        Assert.Contains("3 rows", e.Message);
        Assert.Contains("2", e.Message);
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringAgreement.AdjustedRandIndex([], []));
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringAgreement.Accuracy([0], [0, 1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClusteringAgreement.NormalizedMutualInformation(Y, C, (NmiAverage)9));
        Assert.ThrowsExactly<ArgumentException>(() => HungarianAssignment.Solve(new double[,] { { 1, double.NaN } }));
    }

    private static double BruteForceAccuracy(int[] labels, int[] clusters)
    {
        int[] ls = labels.Distinct().ToArray(), cs = clusters.Distinct().ToArray();
        int best = 0;
        // Every injective map from the smaller side into the larger.
        foreach (int[] map in Injections(Math.Min(ls.Length, cs.Length), Math.Max(ls.Length, cs.Length)))
        {
            int hits = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                int l = Array.IndexOf(ls, labels[i]), c = Array.IndexOf(cs, clusters[i]);
                bool match = cs.Length <= ls.Length ? map[c] == l : map[l] == c;
                hits += match ? 1 : 0;
            }
            best = Math.Max(best, hits);
        }
        return best / (double)labels.Length;
    }

    private static double BruteForceMinimum(double[,] cost)
    {
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        double best = double.PositiveInfinity;
        foreach (int[] map in Injections(Math.Min(rows, columns), Math.Max(rows, columns)))
        {
            double total = 0;
            for (int i = 0; i < map.Length; i++)
                total += rows <= columns ? cost[i, map[i]] : cost[map[i], i];
            best = Math.Min(best, total);
        }
        return best;
    }

    private static IEnumerable<int[]> Injections(int from, int into)
    {
        var current = new int[from];
        var used = new bool[into];
        IEnumerable<int[]> Fill(int i)
        {
            if (i == from)
            {
                yield return (int[])current.Clone();
                yield break;
            }
            for (int v = 0; v < into; v++)
            {
                if (used[v])
                    continue;
                used[v] = true;
                current[i] = v;
                foreach (int[] m in Fill(i + 1))
                    yield return m;
                used[v] = false;
            }
        }
        return Fill(0);
    }
}
