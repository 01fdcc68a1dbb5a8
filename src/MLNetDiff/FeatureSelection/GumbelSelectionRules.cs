using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.FeatureSelection;

/// <summary>The decision rules and caps of specs/gfsnetwork.md §4: which features a trained gate keeps.</summary>
internal static class GumbelSelectionRules
{
    /// <summary>The reference's vote (§4.2): <paramref name="votesToDraw"/> fresh noise vectors, votes_i = #{w_i + g_i &gt; 0}.</summary>
    public static int[] Votes(GumbelGate gate, KernelBackend backend, ReadOnlySpan<float> logits, ulong seed, int votesToDraw)
    {
        int d = logits.Length;
        var votes = new int[d];
        var noise = new float[d];
        for (int v = 0; v < votesToDraw; v++)
        {
            gate.DrawNoise(backend, seed, v, noise);
            for (int i = 0; i < d; i++)
                votes[i] += logits[i] + noise[i] > 0f ? 1 : 0;
        }
        return votes;
    }

    /// <summary>Features ranked best first: by votes when given, then by logit, ties by index (§4.3).</summary>
    public static int[] Ranking(ReadOnlySpan<float> logits, ReadOnlySpan<int> votes)
    {
        var order = new int[logits.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        float[] w = logits.ToArray();
        int[]? v = votes.IsEmpty ? null : votes.ToArray();
        Array.Sort(order, (a, b) =>
        {
            if (v is not null && v[a] != v[b])
                return v[b].CompareTo(v[a]);
            int byLogit = w[b].CompareTo(w[a]);
            return byLogit != 0 ? byLogit : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>The kept features in ascending slot order, and whether the rule alone kept fewer than
    /// <paramref name="minimum"/> (then the top-ranked ones fill up, §4.4).</summary>
    /// <param name="logits">w per feature.</param>
    /// <param name="votes">Votes per feature (the vote rule), or null for the deterministic rule w &gt; 0.</param>
    /// <param name="minimum">Fewest kept (≥ 1).</param>
    /// <param name="maximum">Most kept (the top ones), or null.</param>
    /// <param name="threshold">The deterministic rule keeps w &gt; threshold (0, or a null fit's largest logit).</param>
    public static (int[] Selected, bool BelowMinimum) Select(ReadOnlySpan<float> logits, int[]? votes, int minimum, int? maximum,
        float threshold = 0f)
    {
        int d = logits.Length;
        int[] ranking = Ranking(logits, votes);
        int chosen = 0;
        for (int i = 0; i < d; i++)
            chosen += (votes is null ? logits[i] > threshold : votes[i] > 0) ? 1 : 0;
        // Every chosen feature ranks above every other one (more votes / larger logit), so the kept set is a prefix.
        bool below = chosen < minimum;
        int count = Math.Clamp(chosen, Math.Min(minimum, d), Math.Min(maximum ?? d, d));
        var selected = ranking.AsSpan(0, count).ToArray();
        Array.Sort(selected);
        return (selected, below);
    }
}
