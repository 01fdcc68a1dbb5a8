namespace MLNetDiff.Clustering;

/// <summary>What <see cref="NeuralKMeansTrainer"/> clusters (docs/clustering.md, "Deep mode").</summary>
public enum NeuralKMeansMode
{
    /// <summary>The standardised rows themselves (an identity or L2-normalising map): prototypes are points of the input
    /// space, contributions are exact per feature.</summary>
    Shallow = 0,

    /// <summary>TELL's autoencoder front (spec A3–A5): an MLP encoder maps standardised rows to a latent code, the
    /// prototypes live there, and the decoder turns each into a prototype reconstruction in input units. Trained by
    /// L = L_rec + γ·L_clu with TELL's alternating epochs.</summary>
    Deep = 1,
}
