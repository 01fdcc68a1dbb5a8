using System;
using System.Linq;
using MLNetDiff.Metrics;

namespace MLNetDiff.Tests.Metrics.Clustering;

/// <summary>Silhouette, Davies–Bouldin and inertia against the spec's hand-checked 1-D vector (clustering.md Part C), a
/// direct O(n²) silhouette written from the definition (C4), the C5 edge cases, weights, subsampling and bad input.</summary>
[TestClass]
public sealed class ClusteringGeometryTests
{
    private const double Tolerance = 1e-6;

    // Spec C: X = [0, 1, 10, 11] (1-D), c = [0, 0, 1, 1].
    private static readonly float[] X = [0, 1, 10, 11];
    private static readonly int[] C = [0, 0, 1, 1];

    [TestMethod]
    public void SpecVector_AllMetrics()
    {
        Assert.AreEqual(0.899749, ClusteringGeometry.Silhouette(X, 1, C), Tolerance);
        Assert.AreEqual(0.1, ClusteringGeometry.DaviesBouldin(X, 1, C), Tolerance);
        Assert.AreEqual(1.0, ClusteringGeometry.Inertia(X, 1, [0.5f, 10.5f]), Tolerance);
        Assert.AreEqual(0.25, ClusteringGeometry.Inertia(X, 1, [0.5f, 10.5f]) / X.Length, Tolerance, "mean squared distance");
    }

    [TestMethod]
    public void Silhouette_EqualsTheDefinition_OnRandomData()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 10; trial++)
        {
            int n = random.Next(5, 40), d = random.Next(1, 6), k = random.Next(2, Math.Min(5, n));
            float[] x = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            // Every cluster id appears once at least; the rest at random.
            int[] c = Enumerable.Range(0, n).Select(i => i < k ? i : random.Next(k)).ToArray();
            Assert.AreEqual(DefinitionSilhouette(x, d, c), ClusteringGeometry.Silhouette(x, d, c), 1e-5);
        }
    }

    [TestMethod]
    public void Silhouette_SingletonScoresZero_AndRenamingChangesNothing()
    {
        // Rows 0-1 together, row 2 alone (s = 0), row 3 alone.
        float[] x = [0, 1, 5, 9];
        int[] c = [4, 4, 7, 2];
        Assert.AreEqual(DefinitionSilhouette(x, 1, c), ClusteringGeometry.Silhouette(x, 1, c), 1e-6);
        // a(0) = 1, b(0) = 5: s = 0.8; a(1) = 1, b(1) = 4: s = 0.75; singletons 0.
        Assert.AreEqual((0.8 + 0.75) / 4, ClusteringGeometry.Silhouette(x, 1, c), 1e-6);
        Assert.AreEqual(ClusteringGeometry.Silhouette(X, 1, C), ClusteringGeometry.Silhouette(X, 1, [9, 9, -1, -1]), 1e-12);
    }

    [TestMethod]
    public void Silhouette_Subsample_IsSeeded_AndExactWhenItCoversEveryRow()
    {
        var random = new Random(2);
        int n = 200;
        float[] x = Enumerable.Range(0, n * 2).Select(i => (float)(random.NextDouble() + (i / 2 % 2) * 3)).ToArray();
        int[] c = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        double exact = ClusteringGeometry.Silhouette(x, 2, c);
        Assert.AreEqual(exact, ClusteringGeometry.Silhouette(x, 2, c, sampleSize: n), 1e-12);
        Assert.AreEqual(exact, ClusteringGeometry.Silhouette(x, 2, c, sampleSize: 10 * n), 1e-12);
        double a = ClusteringGeometry.Silhouette(x, 2, c, sampleSize: 60, seed: 1);
        Assert.AreEqual(a, ClusteringGeometry.Silhouette(x, 2, c, sampleSize: 60, seed: 1), "same seed, same sample");
        Assert.AreNotEqual(a, ClusteringGeometry.Silhouette(x, 2, c, sampleSize: 60, seed: 2), "another seed, another sample");
        Assert.AreEqual(exact, a, 0.05, "a sample of 60 of two well-separated blobs is close to the exact score");
    }

    [TestMethod]
    public void DaviesBouldin_EqualsTheDefinition_AndTheSklearnEdgeCases()
    {
        // Two 2-D clusters: rows (±1, 0) around (0, 0) and (4, ±3) around (4, 0).
        float[] x = [-1, 0, 1, 0, 4, 3, 4, -3];
        int[] c = [0, 0, 1, 1];
        // S_0 = 1, S_1 = 3, M = 4: R = 1 for both → DB = 1.
        Assert.AreEqual(1.0, ClusteringGeometry.DaviesBouldin(x, 2, c), 1e-12);
        // Every row on its centroid (S = 0): sklearn returns 0.
        Assert.AreEqual(0.0, ClusteringGeometry.DaviesBouldin([1, 1, 5, 5], 1, [0, 0, 1, 1]));
        // Coincident centroids of clusters 0 and 1 count as infinitely far apart; cluster 2 sets the maximum.
        // Centroids 0, 0, 10; S = 1, 2, 0: R_01 = 0 (coincident), R_02 = 0.1, R_12 = 0.2 → DB = (0.1 + 0.2 + 0.2)/3.
        float[] y = [-1, 1, -2, 2, 10, 10];
        Assert.AreEqual(0.5 / 3, ClusteringGeometry.DaviesBouldin(y, 1, [0, 0, 1, 1, 2, 2]), 1e-12);
    }

    [TestMethod]
    public void Inertia_IsWeighted_AndUsesTheNearestCenter()
    {
        float[] centers = [0.5f, 10.5f];
        Assert.AreEqual(1.0, ClusteringGeometry.Inertia(X, 1, centers, [1, 1, 1, 1]), 1e-12);
        Assert.AreEqual(0.25 * (2 + 0 + 1 + 1), ClusteringGeometry.Inertia(X, 1, centers, [2, 0, 1, 1]), 1e-12);
        // The order of the centers does not matter; each row takes its nearest.
        Assert.AreEqual(1.0, ClusteringGeometry.Inertia(X, 1, [10.5f, 0.5f]), 1e-12);
        Assert.AreEqual(0.0 + 1 + 100 + 121, ClusteringGeometry.Inertia(X, 1, [0f]), 1e-9, "one center");
    }

    [TestMethod]
    public void BadInput_IsNamed()
    {
        var length = Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Silhouette(X, 1, [0, 0, 1]));
        Assert.AreEqual("features", length.ParamName);
        Assert.Contains("expected 3 rows", length.Message);
        var one = Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Silhouette(X, 1, [3, 3, 3, 3]));
        Assert.AreEqual("clusters", one.ParamName);
        Assert.Contains("1 cluster(s)", one.Message);
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Silhouette(X, 1, [0, 1, 2, 3]), "n clusters of n rows");
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.DaviesBouldin(X, 1, [0, 0, 0, 0]));
        var nan = Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Silhouette([0, float.NaN, 2, 3], 1, C));
        Assert.Contains("NaN at row 1", nan.Message);
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.DaviesBouldin([0, 1, float.PositiveInfinity, 3], 1, C));
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Inertia(X, 1, [float.NaN]));
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Inertia(X, 3, [0, 0, 0]), "4 values are not rows of 3");
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Inertia(X, 1, []));
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Inertia(X, 1, [0], [1, 1]));
        Assert.ThrowsExactly<ArgumentException>(() => ClusteringGeometry.Inertia(X, 1, [0], [1, -1, 1, 1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClusteringGeometry.Silhouette(X, 0, C));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClusteringGeometry.Silhouette(X, 1, C, sampleSize: 1));
    }

    /// <summary>C4 written out: a(i), b(i), s(i) with every distance computed afresh in double.</summary>
    private static double DefinitionSilhouette(float[] x, int d, int[] c)
    {
        int n = c.Length;
        double Distance(int i, int j) => Math.Sqrt(Enumerable.Range(0, d).Sum(t => Math.Pow(x[i * d + t] - (double)x[j * d + t], 2)));
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int[] own = Enumerable.Range(0, n).Where(j => j != i && c[j] == c[i]).ToArray();
            if (own.Length == 0)
                continue;
            double a = own.Average(j => Distance(i, j));
            double b = c.Where(v => v != c[i]).Distinct().Min(other => Enumerable.Range(0, n).Where(j => c[j] == other).Average(j => Distance(i, j)));
            total += (b - a) / Math.Max(a, b);
        }
        return total / n;
    }
}
