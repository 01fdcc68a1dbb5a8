using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading.Tasks;

namespace MLNetDiff.Metrics;

/// <summary>
/// Internal clustering metrics, from the features and the cluster of each row (spec clustering.md C4–C6, scikit-learn's
/// conventions): silhouette, Davies–Bouldin and (weighted) k-means inertia. Features are row-major, <c>dimension</c>
/// values per row, all finite; clusters are any integers, one per row.
/// </summary>
public static class ClusteringGeometry
{
    /// <summary>Mean silhouette coefficient with Euclidean (not squared) distances, in [−1, 1]; higher is better. A row
    /// alone in its cluster scores 0.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="dimension">Values per row.</param>
    /// <param name="clusters">The cluster of each row.</param>
    /// <param name="sampleSize">Null (or ≥ the row count): exact, O(n²·d). Otherwise the silhouette of this many rows drawn
    /// without replacement with <paramref name="seed"/>, computed among those rows only (scikit-learn's
    /// <c>sample_size</c>), O(sampleSize²·d).</param>
    /// <param name="seed">Seed of the sample.</param>
    /// <exception cref="ArgumentException">Lengths disagree, a feature is NaN or infinite, or the rows (sampled rows) do
    /// not fall in 2 to n − 1 clusters.</exception>
    public static double Silhouette(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<int> clusters,
        int? sampleSize = null, int seed = 0)
    {
        CheckFeatures(features, dimension, clusters.Length, nameof(features), nameof(clusters));
        if (sampleSize is < 2)
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "Expected at least 2 rows to sample (or null for all rows).");
        int n = clusters.Length;
        float[] x;
        int[] c;
        if (sampleSize is { } m && m < n)
        {
            // Partial Fisher–Yates: the first m entries are a uniform sample without replacement.
            int[] order = new int[n];
            for (int i = 0; i < n; i++)
                order[i] = i;
            var random = new Random(seed);
            for (int i = 0; i < m; i++)
            {
                int j = random.Next(i, n);
                (order[i], order[j]) = (order[j], order[i]);
            }
            x = new float[m * dimension];
            c = new int[m];
            for (int i = 0; i < m; i++)
            {
                features.Slice(order[i] * dimension, dimension).CopyTo(x.AsSpan(i * dimension, dimension));
                c[i] = clusters[order[i]];
            }
        }
        else
        {
            x = features.ToArray();
            c = clusters.ToArray();
        }
        int[] cluster = Contingency.Dense(c, out int k);
        CheckClusterCount(k, cluster.Length, "silhouette", nameof(clusters));
        var sizes = new int[k];
        foreach (int id in cluster)
            sizes[id]++;
        var scores = new double[cluster.Length];
        // Rows are independent; each thread owns its rows' sums, so the result does not depend on the thread count.
        Parallel.For(0, cluster.Length, () => new double[k], (i, _, sums) =>
        {
            Array.Clear(sums);
            ReadOnlySpan<float> xi = x.AsSpan(i * dimension, dimension);
            for (int j = 0; j < cluster.Length; j++)
            {
                if (j != i)
                    sums[cluster[j]] += TensorPrimitives.Distance(xi, x.AsSpan(j * dimension, dimension));
            }
            int own = cluster[i];
            if (sizes[own] == 1)
                return sums;
            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int other = 0; other < k; other++)
            {
                if (other != own)
                    b = Math.Min(b, sums[other] / sizes[other]);
            }
            double denominator = Math.Max(a, b);
            scores[i] = denominator > 0 ? (b - a) / denominator : 0;
            return sums;
        }, _ => { });
        double total = 0;
        foreach (double s in scores)
            total += s;
        return total / scores.Length;
    }

    /// <summary>Davies–Bouldin index over the clusters present (scikit-learn): the mean over clusters of the largest
    /// (S_i + S_j) / ‖c_i − c_j‖, with c the member mean and S the mean Euclidean distance of the members to it; lower is
    /// better. 0 when every S_i or every centroid distance is (about) 0; coincident centroids count as infinitely far
    /// apart (that pair's ratio is 0).</summary>
    /// <remarks>ML.NET's evaluator divides by the number of clusters of the model instead, empty ones included, so the two
    /// agree only when no cluster is empty.</remarks>
    /// <exception cref="ArgumentException">Lengths disagree, a feature is NaN or infinite, or the rows do not fall in
    /// 2 to n − 1 clusters.</exception>
    public static double DaviesBouldin(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<int> clusters)
    {
        CheckFeatures(features, dimension, clusters.Length, nameof(features), nameof(clusters));
        int[] cluster = Contingency.Dense(clusters, out int k);
        CheckClusterCount(k, cluster.Length, "the Davies–Bouldin index", nameof(clusters));
        var centroids = new double[k * dimension];
        var sizes = new int[k];
        for (int i = 0; i < cluster.Length; i++)
        {
            sizes[cluster[i]]++;
            for (int d = 0; d < dimension; d++)
                centroids[cluster[i] * dimension + d] += features[i * dimension + d];
        }
        for (int j = 0; j < k; j++)
        {
            for (int d = 0; d < dimension; d++)
                centroids[j * dimension + d] /= sizes[j];
        }
        var spread = new double[k];
        for (int i = 0; i < cluster.Length; i++)
            spread[cluster[i]] += Math.Sqrt(SquaredDistance(features.Slice(i * dimension, dimension), centroids.AsSpan(cluster[i] * dimension, dimension)));
        for (int j = 0; j < k; j++)
            spread[j] /= sizes[j];
        var separation = new double[k, k];
        bool anySpread = false, anySeparation = false;
        for (int j = 0; j < k; j++)
        {
            anySpread |= !IsClose(spread[j]);
            for (int l = 0; l < k; l++)
            {
                separation[j, l] = Math.Sqrt(SquaredDistance(centroids.AsSpan(j * dimension, dimension), centroids.AsSpan(l * dimension, dimension)));
                anySeparation |= !IsClose(separation[j, l]);
            }
        }
        if (!anySpread || !anySeparation)
            return 0;
        double total = 0;
        for (int j = 0; j < k; j++)
        {
            double worst = 0;
            for (int l = 0; l < k; l++)
            {
                if (l != j && separation[j, l] != 0)
                    worst = Math.Max(worst, (spread[j] + spread[l]) / separation[j, l]);
            }
            total += worst;
        }
        return total / k;
    }

    /// <summary>k-means inertia: Σ_i w_i·min_j ‖x_i − μ_j‖² (squared Euclidean) over the given centers; lower is better.
    /// Divided by the row count it is ML.NET's AverageDistance for a KMeans model scored on the same rows.</summary>
    /// <param name="features">Row-major features.</param>
    /// <param name="dimension">Values per row (and per center).</param>
    /// <param name="centers">Row-major centers, at least one.</param>
    /// <param name="weights">Empty: every row weighs 1. Otherwise one finite, non-negative weight per row.</param>
    /// <exception cref="ArgumentException">Lengths disagree, or a feature, center or weight is NaN, infinite or (a weight)
    /// negative.</exception>
    public static double Inertia(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<float> centers,
        ReadOnlySpan<float> weights = default)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Expected at least one value per row.");
        if (features.Length % dimension != 0)
            throw new ArgumentException($"'{nameof(features)}' holds {features.Length} values, not a whole number of rows of {dimension}.", nameof(features));
        int n = features.Length / dimension;
        CheckFeatures(features, dimension, n, nameof(features), nameof(features));
        if (centers.Length == 0 || centers.Length % dimension != 0)
            throw new ArgumentException($"'{nameof(centers)}' holds {centers.Length} values; expected one or more centers of {dimension}.", nameof(centers));
        CheckFeatures(centers, dimension, centers.Length / dimension, nameof(centers), nameof(centers));
        if (!weights.IsEmpty && weights.Length != n)
            throw new ArgumentException($"'{nameof(weights)}' has {weights.Length} values for {n} rows; expected one per row (or none).", nameof(weights));
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double w = 1;
            if (!weights.IsEmpty)
            {
                w = weights[i];
                if (!(w >= 0) || !double.IsFinite(w))
                    throw new ArgumentException($"'{nameof(weights)}' holds {w} at row {i}; expected a finite weight ≥ 0.", nameof(weights));
            }
            ReadOnlySpan<float> xi = features.Slice(i * dimension, dimension);
            double best = double.PositiveInfinity;
            for (int j = 0; j < centers.Length / dimension; j++)
                best = Math.Min(best, SquaredDistance(xi, centers.Slice(j * dimension, dimension)));
            total += w * best;
        }
        return total;
    }

    // One body for the float/double pairs the metrics meet (rows, float centres, double centroids): each coordinate is
    // widened to double before the difference, as each former overload did.
    private static double SquaredDistance<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b)
        where TA : INumberBase<TA>
        where TB : INumberBase<TB>
    {
        double s = 0;
        for (int d = 0; d < a.Length; d++)
        {
            double e = double.CreateTruncating(a[d]) - double.CreateTruncating(b[d]);
            s += e * e;
        }
        return s;
    }

    /// <summary>numpy's allclose(x, 0) with its default absolute tolerance 1e-8, as scikit-learn tests it.</summary>
    private static bool IsClose(double value) => Math.Abs(value) <= 1e-8;

    private static void CheckFeatures(ReadOnlySpan<float> features, int dimension, int rows, string featuresName, string rowsName)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Expected at least one value per row.");
        if (features.Length != (long)rows * dimension)
        {
            throw new ArgumentException($"'{featuresName}' holds {features.Length} values; expected {rows} rows ('{rowsName}') × " +
                $"{dimension} = {(long)rows * dimension}.", featuresName);
        }
        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"'{featuresName}' holds {features[i]} at row {i / dimension}, slot {i % dimension}; " +
                    "expected finite values.", featuresName);
            }
        }
    }

    private static void CheckClusterCount(int clusterCount, int rows, string metric, string clustersName)
    {
        if (clusterCount < 2 || clusterCount > rows - 1)
        {
            throw new ArgumentException($"The rows fall in {clusterCount} cluster(s) of {rows} rows; {metric} needs 2 to {rows - 1} " +
                "clusters (scikit-learn's rule).", clustersName);
        }
    }
}
