namespace MLNetDiff.Nn.Initialization;

/// <summary>How a layer's weight matrix is initialised (biases always start at zero).</summary>
public enum WeightInitialization
{
    /// <summary>He/Kaiming uniform for ReLU-family activations (ReLU, leaky ReLU, GELU), Xavier/Glorot uniform otherwise.</summary>
    Default = 0,
    /// <summary>Xavier/Glorot uniform: U(−a, a), a = √(6 / (fanIn + fanOut)).</summary>
    XavierUniform = 1,
    /// <summary>Xavier/Glorot normal: N(0, σ²), σ = √(2 / (fanIn + fanOut)).</summary>
    XavierNormal = 2,
    /// <summary>He/Kaiming uniform: U(−a, a), a = √(6 / fanIn).</summary>
    HeUniform = 3,
    /// <summary>He/Kaiming normal: N(0, σ²), σ = √(2 / fanIn).</summary>
    HeNormal = 4,
    /// <summary>All zeros (e.g. a logistic-regression layer, or a layer a component fills itself).</summary>
    Zeros = 5,
}
