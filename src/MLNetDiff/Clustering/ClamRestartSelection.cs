namespace MLNetDiff.Clustering;

/// <summary>How <see cref="ClamTrainer"/> picks one of its restarts (docs/clustering.md, "Clam"). Every criterion is
/// unsupervised: the label is never read.</summary>
public enum ClamRestartSelection
{
    /// <summary>The highest Euclidean silhouette (spec C4) of the restart's labels on the model-space training rows
    /// (a seeded sample of <see cref="ClamTrainer.Options.SilhouetteSampleRows"/> rows when there are more): the paper's
    /// model selection (spec B4.7). Unweighted. The default.</summary>
    Silhouette = 0,

    /// <summary>The lowest weighted unmasked reconstruction loss Σ w‖z − A(z)‖² / Σ w, A = the T inference steps (spec
    /// B2: the relaxation of the k-means inertia).</summary>
    UnmaskedLoss = 1,

    /// <summary>The lowest best-epoch masked training loss (spec B6's first proposal); noisy, because the masks change
    /// every epoch (docs/clustering-clam.md).</summary>
    TrainingLoss = 2,
}
