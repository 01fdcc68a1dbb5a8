namespace MLNetDiff.Kernels;

/// <summary>Element-wise activations of the fused bias + activation kernels (values match the C ABI's MLND_ACT_*).</summary>
public enum Activation
{
    /// <summary>f(z) = z.</summary>
    Identity = 0,
    /// <summary>f(z) = max(z, 0); f'(0) = 0.</summary>
    Relu = 1,
    /// <summary>f(z) = z for z &gt; 0, alpha·z otherwise (alpha = the kernel's slope argument).</summary>
    LeakyRelu = 2,
    /// <summary>tanh approximation: 0.5 z (1 + tanh(√(2/π) (z + 0.044715 z³))).</summary>
    Gelu = 3,
    /// <summary>f(z) = 1 / (1 + e^-z).</summary>
    Sigmoid = 4,
    /// <summary>f(z) = tanh z.</summary>
    Tanh = 5,
}
