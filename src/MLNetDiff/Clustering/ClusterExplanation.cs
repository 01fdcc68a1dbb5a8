using System;
using System.Collections.Generic;

namespace MLNetDiff.Clustering;

/// <summary>
/// Why a row went to its cluster (docs/clustering.md, "Explain"). Shallow models (the model space is the standardised
/// input space): the contribution of feature f is <c>c_f = (m_f − Ω_runnerUp,f)² − (m_f − Ω_assigned,f)²</c> in the model
/// space (the standardised, mapped row m and the prototypes Ω), and the contributions sum to
/// <see cref="Margin"/> = Score[runner-up] − Score[assigned] ≥ 0 exactly. Deep models (an encoder's latent space, where
/// coordinates are not features): c_f is feature f's integrated gradient of the gap from the training mean row, and the
/// contributions sum to <see cref="Margin"/> − <see cref="BaselineMargin"/> up to <see cref="Residual"/>. Either way a
/// positive contribution pulls the row towards its cluster, a negative one towards the runner-up.
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

    /// <summary>An attribution measured from a reference point (deep models): <paramref name="margin"/> is the row's gap,
    /// <paramref name="baselineMargin"/> the reference's gap for the same pair of clusters.</summary>
    internal ClusterExplanation(int assigned, int runnerUp, float[] distances, double[] contributions, double margin,
        double baselineMargin)
    {
        AssignedCluster = assigned;
        RunnerUpCluster = runnerUp;
        _distances = distances;
        _contributions = contributions;
        Margin = margin;
        BaselineMargin = baselineMargin;
        double sum = 0;
        foreach (double c in contributions)
            sum += c;
        Residual = margin - baselineMargin - sum;
    }

    private readonly float[] _distances;
    private readonly double[] _contributions;

    /// <summary>The assigned cluster, zero-based (ML.NET's <c>PredictedLabel</c> key is this + 1).</summary>
    public int AssignedCluster { get; }

    /// <summary>The second-nearest cluster, zero-based (the assigned one again when the model has one cluster).</summary>
    public int RunnerUpCluster { get; }

    /// <summary>The row's squared distance to each prototype in model space: the values of ML.NET's <c>Score</c> column.</summary>
    public IReadOnlyList<float> Distances => _distances;

    /// <summary>One contribution per input feature (squared model-space distance units; see the type's remarks); they
    /// sum to <see cref="Margin"/> − <see cref="BaselineMargin"/> − <see cref="Residual"/>.</summary>
    public IReadOnlyList<double> Contributions => _contributions;

    /// <summary>Squared distance to the runner-up − squared distance to the assigned prototype (≥ 0). Shallow models: Σ
    /// contributions, computed in double (equals <c>Distances[RunnerUpCluster] − Distances[AssignedCluster]</c> up to float
    /// rounding). Deep models: that difference of the float distances, in double.</summary>
    public double Margin { get; }

    /// <summary>The reference point's gap for the same pair of clusters: 0 for shallow models (the contributions are the
    /// gap itself); for deep models the gap of the training mean row (the standardised origin), where the integrated
    /// gradients start.</summary>
    public double BaselineMargin { get; }

    /// <summary><see cref="Margin"/> − <see cref="BaselineMargin"/> − Σ contributions: 0 for shallow models; for deep
    /// models the integration error of the integrated gradients (below 1 % of the gaps in the tests: a midpoint sum of 512 points).</summary>
    public double Residual { get; }

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
