namespace MLNetDiff.Nn.Data;

/// <summary>Order in which a batch source visits rows.</summary>
public enum BatchOrder
{
    /// <summary>Data order (evaluation, or reference implementations that do not shuffle).</summary>
    Sequential = 0,
    /// <summary>A fresh random permutation every epoch.</summary>
    Shuffled = 1,
    /// <summary>Shuffled within each class, then interleaved so that every batch has the data's positive rate ±1 row
    /// (binary labels; other labels fall back to <see cref="Shuffled"/>).</summary>
    Stratified = 2,
}
