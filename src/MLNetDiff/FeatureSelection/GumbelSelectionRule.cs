namespace MLNetDiff.FeatureSelection;

/// <summary>How the final subset is read off the trained mask logits (specs/gfsnetwork.md §4).</summary>
public enum GumbelSelectionRule
{
    /// <summary>The paper's rule: keep feature i when w_i &gt; 0 (σ(w_i) &gt; 0.5), no noise.</summary>
    Deterministic = 0,

    /// <summary>The reference code's rule: ⌈N/B⌉ fresh noise draws, keep every feature with at least one vote
    /// w_i + g_i &gt; 0. Keeps most noise features unless their logits are far below −10 (spec §4.2); for parity only.</summary>
    GumbelVote = 1,

    /// <summary>Keep feature i when w_i &gt; 0 and w_i exceeds every logit of a second fit on the same rows with the labels
    /// permuted at random (a null fit: whatever it keeps is what the network can memorise without signal). Two fits;
    /// the rows must fit the cache limit (streamed data falls back to <see cref="Deterministic"/> with a warning).</summary>
    NullCalibrated = 2,
}
