using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; the greedy variant of scikit-learn: 2 + ⌊ln K⌋ candidates per
/// step, the one that lowers the potential most is kept) on model-space rows, weighted: the first seed is drawn with
/// probability ∝ w_i, each next one ∝ w_i·D²(x_i). Random draws are Philox uniforms of the kernel layer, so the seeds are a
/// pure function of (rows, weights, K, seed) on every backend. Shared by every prototype clusterer.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <param name="x">rows × d model-space values.</param>
    /// <param name="weights">Row weights (≥ 0), or empty for 1 each.</param>
    /// <param name="rows">Number of rows (≥ 1).</param>
    /// <param name="d">Values per row.</param>
    /// <param name="k">Seeds wanted (≥ 1).</param>
    /// <param name="seed">Philox key.</param>
    /// <param name="backend">Kernels for the distance blocks.</param>
    /// <returns>k × d seeds (copies of rows).</returns>
    public static float[] Seed(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, int rows, int d, int k, ulong seed,
        KernelBackend backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int candidates = 2 + (int)Math.Log(k);
        var centers = new float[k * d];
        var nearest = new float[rows];
        var trial = new float[rows * candidates];
        var cumulative = new double[rows];
        var uniforms = new float[candidates];
        var candidateRows = new int[candidates];
        var candidateValues = new float[candidates * d];
        ulong offset = 0;

        // First seed ∝ weight.
        backend.RandomUniform(seed, offset++, uniforms.AsSpan(0, 1));
        for (int i = 0; i < rows; i++)
            nearest[i] = 1f;
        int first = Draw(nearest, weights, cumulative, uniforms[0]);
        x.Slice(first * d, d).CopyTo(centers);
        backend.SquaredEuclideanDistances(rows, 1, d, x, centers.AsSpan(0, d), nearest);

        for (int c = 1; c < k; c++)
        {
            backend.RandomUniform(seed, offset, uniforms);
            offset += (ulong)candidates;
            for (int t = 0; t < candidates; t++)
            {
                candidateRows[t] = Draw(nearest, weights, cumulative, uniforms[t]);
                x.Slice(candidateRows[t] * d, d).CopyTo(candidateValues.AsSpan(t * d, d));
            }
            backend.SquaredEuclideanDistances(rows, candidates, d, x, candidateValues, trial);
            int best = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < candidates; t++)
            {
                double potential = 0;
                for (int i = 0; i < rows; i++)
                    potential += Weight(weights, i) * Math.Min(nearest[i], trial[i * candidates + t]);
                if (potential < bestPotential)
                {
                    bestPotential = potential;
                    best = t;
                }
            }
            candidateValues.AsSpan(best * d, d).CopyTo(centers.AsSpan(c * d, d));
            for (int i = 0; i < rows; i++)
                nearest[i] = Math.Min(nearest[i], trial[i * candidates + best]);
        }
        return centers;
    }

    private static double Weight(ReadOnlySpan<float> weights, int i) => weights.IsEmpty ? 1.0 : weights[i];

    /// <summary>Row i with probability ∝ w_i·score_i; when every product is 0 (fewer distinct rows than seeds), row
    /// ∝ w_i (then ∝ 1), so the seeding still ends.</summary>
    private static int Draw(ReadOnlySpan<float> score, ReadOnlySpan<float> weights, double[] cumulative, float uniform)
    {
        int rows = score.Length;
        for (int pass = 0; pass < 3; pass++)
        {
            double total = 0;
            for (int i = 0; i < rows; i++)
            {
                double mass = pass switch
                {
                    0 => Weight(weights, i) * score[i],
                    1 => Weight(weights, i),
                    _ => 1.0,
                };
                total += mass;
                cumulative[i] = total;
            }
            if (!(total > 0))
                continue;
            double target = uniform * total;
            int index = Array.BinarySearch(cumulative, 0, rows, target);
            index = index < 0 ? ~index : index;
            // Skip rows of zero mass that share the cumulative value (a row of mass 0 is never drawn).
            while (index < rows - 1 && (index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1]) <= 0)
                index++;
            return Math.Min(index, rows - 1);
        }
        return 0;
    }
}
