namespace MLNetDiff.Clustering;

/// <summary>Where <see cref="NeuralKMeansTrainer"/> puts rows and prototypes (docs/clustering.md, "Geometry").</summary>
public enum NeuralKMeansGeometry
{
    /// <summary>Standardised input space; prototypes move by mini-batch k-means steps (spec A5, "Euclidean mode"):
    /// Score = squared Euclidean distance, as ML.NET's KMeans on standardised features.</summary>
    Euclidean = 0,

    /// <summary>TELL's reference geometry (spec A2–A4): standardised rows are L2-normalised, prototypes are unit vectors
    /// moved by normalised steps; Score = ‖z − Ω_j‖² = 2 − 2Ω_jᵀz ∈ [0, 4]. Clusters by direction (cosine), so scaling a
    /// standardised row does not change its cluster.</summary>
    Spherical = 1,
}
