using System;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// The null fit of <see cref="GumbelSelectionRule.NullCalibrated"/>: the same rows, features, weights, seed and batch
/// order, with the labels permuted at random. Any logit such a fit drives above 0 measures what the task network can
/// memorise from noise features, so the real fit keeps only features whose logit beats the null fit's largest one.
/// </summary>
internal static class GumbelNullCalibration
{
    /// <summary>A view of <paramref name="data"/> whose labels are a seeded permutation of its labels (the features and
    /// weights are shared, not copied).</summary>
    public static InMemoryDataset PermuteLabels(InMemoryDataset data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.RowCount, size = data.LabelSize;
        ReadOnlySpan<float> labels = data.Labels;
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
            order[i] = i;
        ulong state = (ulong)(uint)seed ^ 0xD1B54A32D192ED03UL;
        for (int i = rows - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var permuted = new float[rows * size];
        for (int i = 0; i < rows; i++)
            labels.Slice(order[i] * size, size).CopyTo(permuted.AsSpan(i * size, size));
        return data.WithLabels(permuted, size);
    }

    /// <summary>The cut for the real fit: the null fit's largest logit, and never below the deterministic rule's 0.</summary>
    public static float Threshold(ReadOnlySpan<float> nullLogits)
    {
        float max = 0f;
        foreach (float w in nullLogits)
            max = Math.Max(max, w);
        return max;
    }

    // SplitMix64: a small, seeded, platform-independent generator for the one permutation.
    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
