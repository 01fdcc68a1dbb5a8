namespace MLNetDiff.FeatureSelection;

/// <summary>The noise added to each mask logit before the sigmoid (specs/gfsnetwork.md §2.2).</summary>
public enum GumbelNoiseKind
{
    /// <summary>One standard Gumbel draw g = −ln(−ln U), as the reference code does: the hard sample 1[w + g &gt; 0] has
    /// probability 1 − exp(−e^w), not σ(w).</summary>
    SingleGumbel = 0,

    /// <summary>Logistic noise g = ln U − ln(1 − U) (the difference of two Gumbels, the textbook binary Concrete): the
    /// hard sample has probability σ(w).</summary>
    Logistic = 1,
}
