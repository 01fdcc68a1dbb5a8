using System;
using System.Collections.Generic;

namespace MLNetDiff.Tests.Clustering.Clam;

/// <summary>Test-local clustering helpers (the shared metrics and k-means++ are written elsewhere): blobs, z-scoring,
/// data-point initialisation, ARI (specs/clustering.md C2).</summary>
internal static class ClamClusteringHelpers
{
    /// <summary>K Gaussian blobs of σ in R^d with centres N(0, 3²) redrawn until every pair is ≥ minSeparation apart.</summary>
    public static (double[] X, int[] Labels) Blobs(int k, int perCluster, int d, double sigma, double minSeparation, int seed)
    {
        var random = new Random(seed);
        var centres = new double[k * d];
        while (true)
        {
            for (int i = 0; i < centres.Length; i++)
                centres[i] = 3 * Gaussian(random);
            bool apart = true;
            for (int a = 0; a < k && apart; a++)
            {
                for (int b = a + 1; b < k && apart; b++)
                {
                    double s = 0;
                    for (int i = 0; i < d; i++)
                        s += Math.Pow(centres[a * d + i] - centres[b * d + i], 2);
                    apart = Math.Sqrt(s) >= minSeparation;
                }
            }
            if (apart)
                break;
        }
        int n = k * perCluster;
        var x = new double[n * d];
        var labels = new int[n];
        for (int r = 0; r < n; r++)
        {
            labels[r] = r % k;
            for (int i = 0; i < d; i++)
                x[r * d + i] = centres[labels[r] * d + i] + sigma * Gaussian(random);
        }
        return (x, labels);
    }

    /// <summary>Per-feature z-score with the population standard deviation (B4.1).</summary>
    public static double[] ZScore(double[] x, int rows, int d)
    {
        var z = new double[x.Length];
        for (int i = 0; i < d; i++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < rows; r++)
                mean += x[r * d + i];
            mean /= rows;
            for (int r = 0; r < rows; r++)
                square += Math.Pow(x[r * d + i] - mean, 2);
            double std = Math.Sqrt(square / rows);
            for (int r = 0; r < rows; r++)
                z[r * d + i] = std > 0 ? (x[r * d + i] - mean) / std : 0;
        }
        return z;
    }

    /// <summary>K distinct rows picked by a seeded draw, copied as the initial prototypes.</summary>
    public static T[] AtDataPoints<T>(T[] x, int rows, int d, int k, int seed)
    {
        var random = new Random(seed);
        var picked = new HashSet<int>();
        var prototypes = new T[k * d];
        for (int mu = 0; mu < k; mu++)
        {
            int r;
            do
                r = random.Next(rows);
            while (!picked.Add(r));
            Array.Copy(x, r * d, prototypes, mu * d, d);
        }
        return prototypes;
    }

    /// <summary>Adjusted Rand index (Hubert–Arabie; 1 when both partitions are trivial, as sklearn).</summary>
    public static double AdjustedRandIndex(int[] truth, int[] predicted)
    {
        var table = new Dictionary<(int, int), long>();
        var a = new Dictionary<int, long>();
        var b = new Dictionary<int, long>();
        for (int i = 0; i < truth.Length; i++)
        {
            table[(truth[i], predicted[i])] = table.GetValueOrDefault((truth[i], predicted[i])) + 1;
            a[truth[i]] = a.GetValueOrDefault(truth[i]) + 1;
            b[predicted[i]] = b.GetValueOrDefault(predicted[i]) + 1;
        }
        static double Pairs(long n) => n * (n - 1) / 2.0;
        double index = 0, sumA = 0, sumB = 0;
        foreach (long n in table.Values)
            index += Pairs(n);
        foreach (long n in a.Values)
            sumA += Pairs(n);
        foreach (long n in b.Values)
            sumB += Pairs(n);
        double expected = sumA * sumB / Pairs(truth.Length), max = (sumA + sumB) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Plain Lloyd k-means from the given centres (float data, double sums), until no label changes.</summary>
    public static int[] Lloyd(float[] x, int rows, int d, float[] centres, int k)
    {
        var labels = new int[rows];
        var c = (float[])centres.Clone();
        for (int iteration = 0; iteration < 300; iteration++)
        {
            bool changed = iteration == 0;
            for (int r = 0; r < rows; r++)
            {
                int best = 0;
                double bestDistance = double.PositiveInfinity;
                for (int mu = 0; mu < k; mu++)
                {
                    double s = 0;
                    for (int i = 0; i < d; i++)
                        s += Math.Pow(x[r * d + i] - c[mu * d + i], 2);
                    if (s < bestDistance)
                        (bestDistance, best) = (s, mu);
                }
                changed |= labels[r] != best;
                labels[r] = best;
            }
            if (!changed)
                break;
            var sums = new double[k * d];
            var counts = new int[k];
            for (int r = 0; r < rows; r++)
            {
                counts[labels[r]]++;
                for (int i = 0; i < d; i++)
                    sums[labels[r] * d + i] += x[r * d + i];
            }
            for (int mu = 0; mu < k; mu++)
            {
                for (int i = 0; i < d && counts[mu] > 0; i++)
                    c[mu * d + i] = (float)(sums[mu * d + i] / counts[mu]);
            }
        }
        return labels;
    }

    /// <summary>Mean silhouette with Euclidean distances (C4; s = 0 for a singleton cluster).</summary>
    public static double Silhouette(float[] x, int rows, int d, int[] labels)
    {
        int k = 0;
        foreach (int l in labels)
            k = Math.Max(k, l + 1);
        var size = new int[k];
        foreach (int l in labels)
            size[l]++;
        var sums = new double[k];
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            Array.Clear(sums);
            for (int j = 0; j < rows; j++)
            {
                if (j == i)
                    continue;
                double s = 0;
                for (int f = 0; f < d; f++)
                    s += Math.Pow(x[i * d + f] - x[j * d + f], 2);
                sums[labels[j]] += Math.Sqrt(s);
            }
            int own = labels[i];
            if (size[own] == 1)
                continue;
            double a = sums[own] / (size[own] - 1), b = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                if (c != own && size[c] > 0)
                    b = Math.Min(b, sums[c] / size[c]);
            }
            total += (b - a) / Math.Max(a, b);
        }
        return total / rows;
    }
}
