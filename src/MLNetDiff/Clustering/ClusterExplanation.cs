using System;
using System.Collections.Generic;

namespace MLNetDiff.Clustering;

/// <summary>
/// Why a row went to its cluster (docs/clustering.md, "Explain"): in the model space (the standardised, mapped row m
/// and the prototypes Ω), the contribution of feature f is
/// <c>c_f = (m_f − Ω_runnerUp,f)² − (m_f − Ω_assigned,f)²</c>. The contributions sum to
/// <see cref="Margin"/> = Score[runner-up] − Score[assigned] ≥ 0: a positive contribution pulls the row towards its cluster,
/// a negative one towards the runner-up.
/// </summary>
public sealed class ClusterExplanation
{
    internal ClusterExplanation(int assigned, int runnerUp, float[] distances, double[] contributions)
    {
        AssignedCluster = assigned;
        RunnerUpCluster = runnerUp;
        _distances = distances;
        _contributions = contributions;
        double margin = 0;
        foreach (double c in contributions)
            margin += c;
        Margin = margin;
    }

    private readonly float[] _distances;
    private readonly double[] _contributions;

    /// <summary>The assigned cluster, zero-based (ML.NET's <c>PredictedLabel</c> key is this + 1).</summary>
    public int AssignedCluster { get; }

    /// <summary>The second-nearest cluster, zero-based (the assigned one again when the model has one cluster).</summary>
    public int RunnerUpCluster { get; }

    /// <summary>The row's squared distance to each prototype in model space: the values of ML.NET's <c>Score</c> column.</summary>
    public IReadOnlyList<float> Distances => _distances;

    /// <summary>One contribution per input feature (model-space units; see the type's remarks); they sum to
    /// <see cref="Margin"/>.</summary>
    public IReadOnlyList<double> Contributions => _contributions;

    /// <summary>Σ contributions = squared distance to the runner-up − squared distance to the assigned prototype (computed
    /// in double; equals <c>Distances[RunnerUpCluster] − Distances[AssignedCluster]</c> up to float rounding).</summary>
    public double Margin { get; }

    /// <summary>Feature indices ordered by contribution, largest first (the features that decided the assignment).</summary>
    public int[] RankFeatures()
    {
        var order = new int[_contributions.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        double[] keys = Array.ConvertAll(_contributions, c => -c);
        Array.Sort(keys, order);
        return order;
    }
}
