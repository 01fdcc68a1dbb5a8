using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Generated blobs and the label-matching metrics (spec C2, C3) the clustering tests use.</summary>
internal static class ClusteringTestData
{
    /// <summary>A row: true blob, features, weight.</summary>
    public sealed class Row
    {
        public float Label { get; set; }

        [VectorType]
        public float[] Features { get; set; } = [];

        public float Weight { get; set; } = 1f;
    }

    /// <summary>Spec A10 (4): K blobs centred at <paramref name="distance"/>·e_j in R^d, Gaussian noise σ, N rows (row i
    /// in blob i mod K).</summary>
    public static List<Row> Blobs(int k, int d, int n, double sigma, double distance, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(n);
        for (int i = 0; i < n; i++)
        {
            int blob = i % k;
            var x = new float[d];
            for (int f = 0; f < d; f++)
                x[f] = (float)((f == blob ? distance : 0) + sigma * Normal(random));
            rows.Add(new Row { Label = blob, Features = x });
        }
        return rows;
    }

    public static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static IDataView Load(MLContext ml, IEnumerable<Row> rows, int d)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Zero-based predicted clusters (PredictedLabel key − 1).</summary>
    public static int[] Labels(IDataView scored) => scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1).ToArray();

    public static float[][] Scores(IDataView scored) => scored.GetColumn<float[]>("Score").ToArray();

    /// <summary>Unsupervised accuracy (spec C3) by trying every one-to-one map (K ≤ 7).</summary>
    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int k)
    {
        var counts = new int[k, k];
        for (int i = 0; i < truth.Count; i++)
            counts[predicted[i], truth[i]]++;
        int best = 0;
        foreach (int[] map in Permutations(Enumerable.Range(0, k).ToArray()))
        {
            int hit = 0;
            for (int c = 0; c < k; c++)
                hit += counts[c, map[c]];
            best = Math.Max(best, hit);
        }
        return (double)best / truth.Count;
    }

    /// <summary>Adjusted Rand index (spec C2).</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        int r = truth.Max() + 1, s = predicted.Max() + 1;
        var n = new long[r, s];
        var a = new long[r];
        var b = new long[s];
        for (int i = 0; i < truth.Count; i++)
        {
            n[truth[i], predicted[i]]++;
            a[truth[i]]++;
            b[predicted[i]]++;
        }
        static double C2(long x) => x * (x - 1) / 2.0;
        double index = 0, sa = a.Sum(C2), sb = b.Sum(C2);
        foreach (long v in n)
            index += C2(v);
        double expected = sa * sb / C2(truth.Count);
        double max = (sa + sb) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = items.Where((_, j) => j != i).ToArray();
            foreach (int[] tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}
