using System;
using System.Collections.Generic;

namespace MLNetDiff.Metrics;

/// <summary>The contingency table of two labelings of the same rows: n_rs = rows with label r and cluster s, with both
/// sides mapped to dense indices in order of first appearance (any integer values are allowed, as in scikit-learn).</summary>
internal sealed class Contingency
{
    private Contingency(long[,] counts, long[] labelSizes, long[] clusterSizes, int rows)
    {
        Counts = counts;
        LabelSizes = labelSizes;
        ClusterSizes = clusterSizes;
        Rows = rows;
    }

    /// <summary>n_rs: [label index, cluster index].</summary>
    public long[,] Counts { get; }

    /// <summary>a_r: rows per label.</summary>
    public long[] LabelSizes { get; }

    /// <summary>b_s: rows per cluster.</summary>
    public long[] ClusterSizes { get; }

    public int Rows { get; }

    public static Contingency Of(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters, string labelsName, string clustersName)
    {
        if (labels.Length != clusters.Length)
        {
            throw new ArgumentException($"'{labelsName}' has {labels.Length} rows and '{clustersName}' {clusters.Length}; " +
                "expected one label and one cluster per row.", clustersName);
        }
        if (labels.Length == 0)
            throw new ArgumentException($"'{labelsName}' is empty; expected at least one row.", labelsName);
        int[] label = Dense(labels, out int labelCount);
        int[] cluster = Dense(clusters, out int clusterCount);
        var counts = new long[labelCount, clusterCount];
        var labelSizes = new long[labelCount];
        var clusterSizes = new long[clusterCount];
        for (int i = 0; i < label.Length; i++)
        {
            counts[label[i], cluster[i]]++;
            labelSizes[label[i]]++;
            clusterSizes[cluster[i]]++;
        }
        return new Contingency(counts, labelSizes, clusterSizes, labels.Length);
    }

    /// <summary>Each value's index in order of first appearance.</summary>
    internal static int[] Dense(ReadOnlySpan<int> values, out int distinct)
    {
        var index = new Dictionary<int, int>();
        var dense = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!index.TryGetValue(values[i], out int d))
            {
                d = index.Count;
                index.Add(values[i], d);
            }
            dense[i] = d;
        }
        distinct = index.Count;
        return dense;
    }

    /// <summary>Shannon entropy (natural log) of a partition with these part sizes.</summary>
    public double Entropy(long[] sizes)
    {
        double h = 0;
        foreach (long size in sizes)
        {
            if (size > 0)
            {
                double p = size / (double)Rows;
                h -= p * Math.Log(p);
            }
        }
        return h;
    }

    /// <summary>I(U;V) = Σ_rs p_rs ln(p_rs / (p_r p_s)) over the non-empty cells, written as
    /// Σ (n_rs/n)·ln(n·n_rs / (a_r b_s)) so that no probability underflows.</summary>
    public double MutualInformation()
    {
        double mi = 0;
        double n = Rows;
        for (int r = 0; r < LabelSizes.Length; r++)
        {
            for (int s = 0; s < ClusterSizes.Length; s++)
            {
                long nrs = Counts[r, s];
                if (nrs > 0)
                    mi += nrs / n * Math.Log(n * nrs / ((double)LabelSizes[r] * ClusterSizes[s]));
            }
        }
        // Rounding can leave a tiny negative value for independent labelings; I ≥ 0 exactly.
        return Math.Max(0, mi);
    }
}
