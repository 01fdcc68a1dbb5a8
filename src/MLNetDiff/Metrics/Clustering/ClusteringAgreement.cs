using System;

namespace MLNetDiff.Metrics;

/// <summary>
/// External clustering metrics: how well a clustering agrees with known labels (spec clustering.md C1–C3, scikit-learn's
/// conventions). Labels and clusters are any integers, one of each per row; which cluster is which does not matter.
/// </summary>
/// <remarks>
/// <para><b>NMI</b> = I(U;V) / mean(H(U), H(V)) with natural logs; the mean is chosen by <see cref="NmiAverage"/>
/// (arithmetic is scikit-learn's default). Both labelings a single part (or the same all-singleton split): 1; exactly one
/// of the two a single part: 0.</para>
/// <para><b>ML.NET's NMI</b> (<c>ClusteringMetrics.NormalizedMutualInformation</c>) divides by the label entropy alone:
/// that is <see cref="LabelNormalizedMutualInformation"/> (= scikit-learn's homogeneity). It does not fall when a class
/// is split into several clusters, so it is not comparable with the symmetric NMI of papers.</para>
/// <para><b>ARI</b> is Hubert and Arabie's adjusted Rand index; <b>accuracy</b> matches clusters one-to-one to labels by
/// the Hungarian algorithm, rows of unmatched clusters (or labels) counting as errors.</para>
/// </remarks>
public static class ClusteringAgreement
{
    /// <summary>Normalised mutual information between <paramref name="labels"/> and <paramref name="clusters"/>, in [0, 1].</summary>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static double NormalizedMutualInformation(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters,
        NmiAverage average = NmiAverage.Arithmetic)
    {
        Contingency t = Contingency.Of(labels, clusters, nameof(labels), nameof(clusters));
        int r = t.LabelSizes.Length, s = t.ClusterSizes.Length;
        // scikit-learn's limit case: neither labeling splits the data (H(U) = H(V) = 0), a perfect match.
        if (r == 1 && s == 1)
            return 1.0;
        double mi = t.MutualInformation();
        if (mi == 0)
            return 0.0;
        double hu = t.Entropy(t.LabelSizes), hv = t.Entropy(t.ClusterSizes);
        double normalizer = average switch
        {
            NmiAverage.Arithmetic => (hu + hv) / 2,
            NmiAverage.Geometric => Math.Sqrt(hu * hv),
            NmiAverage.Max => Math.Max(hu, hv),
            NmiAverage.Min => Math.Min(hu, hv),
            _ => throw new ArgumentOutOfRangeException(nameof(average), average, "Expected Arithmetic, Geometric, Max or Min."),
        };
        // I ≤ min(H(U), H(V)) in exact arithmetic; rounding must not leave the score above 1.
        return Math.Min(1.0, mi / normalizer);
    }

    /// <summary>I(U;V) / H(U): the mutual information normalised by the label entropy only, which is what ML.NET's
    /// clustering evaluator reports as NMI (and scikit-learn's homogeneity score). 1 when the labels have one class
    /// (scikit-learn's convention; ML.NET's evaluator gives NaN there).</summary>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static double LabelNormalizedMutualInformation(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        Contingency t = Contingency.Of(labels, clusters, nameof(labels), nameof(clusters));
        double hu = t.Entropy(t.LabelSizes);
        if (hu == 0)
            return 1.0;
        return Math.Min(1.0, t.MutualInformation() / hu);
    }

    /// <summary>Adjusted Rand index (Hubert–Arabie), in [−0.5, 1]; 1 when the expected and maximal index coincide (both
    /// labelings one part, or both all singletons).</summary>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static double AdjustedRandIndex(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        Contingency t = Contingency.Of(labels, clusters, nameof(labels), nameof(clusters));
        double index = 0;
        foreach (long nrs in t.Counts)
            index += Pairs(nrs);
        double labelPairs = 0, clusterPairs = 0;
        foreach (long a in t.LabelSizes)
            labelPairs += Pairs(a);
        foreach (long b in t.ClusterSizes)
            clusterPairs += Pairs(b);
        double expected = labelPairs * clusterPairs / Pairs(t.Rows);
        double max = (labelPairs + clusterPairs) / 2;
        if (max == expected)
            return 1.0;
        return (index - expected) / (max - expected);
    }

    /// <summary>Unsupervised clustering accuracy: the share of rows whose label is the one matched to their cluster, with
    /// clusters matched one-to-one to labels so that this share is largest (Hungarian algorithm on the contingency table;
    /// with more clusters than labels the extra clusters' rows are errors, and so are the rows of unmatched labels).</summary>
    /// <exception cref="ArgumentException">The two have different lengths, or are empty.</exception>
    public static double Accuracy(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        Contingency t = Contingency.Of(labels, clusters, nameof(labels), nameof(clusters));
        int r = t.LabelSizes.Length, s = t.ClusterSizes.Length;
        long largest = 0;
        foreach (long nrs in t.Counts)
            largest = Math.Max(largest, nrs);
        // Maximising the matched rows = minimising (largest − n_rs); a rectangular problem needs no padding here.
        var cost = new double[s, r];
        for (int c = 0; c < s; c++)
        {
            for (int l = 0; l < r; l++)
                cost[c, l] = largest - t.Counts[l, c];
        }
        int[] labelOfCluster = HungarianAssignment.Solve(cost);
        long matched = 0;
        for (int c = 0; c < s; c++)
        {
            if (labelOfCluster[c] >= 0)
                matched += t.Counts[labelOfCluster[c], c];
        }
        return matched / (double)t.Rows;
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;
}
