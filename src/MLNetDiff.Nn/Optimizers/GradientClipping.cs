using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Optimizers;

/// <summary>Gradient clipping over the whole flat gradient buffer.</summary>
public static class GradientClipping
{
    /// <summary>Scales <paramref name="gradients"/> so that its L2 norm is at most <paramref name="maxNorm"/>
    /// (g ← g·maxNorm/‖g‖ when ‖g‖ &gt; maxNorm) and returns the norm before clipping.</summary>
    /// <remarks>One <see cref="KernelBackend.SumOfSquares"/> pass plus, only when clipping, one scaling pass.
    /// A non-finite norm is returned as is and the gradients are left alone (the caller decides how to fail).</remarks>
    public static float ClipByGlobalNorm(KernelBackend backend, Span<float> gradients, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!(maxNorm > 0f && float.IsFinite(maxNorm)))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be positive and finite.");
        float norm = MathF.Sqrt(backend.SumOfSquares(gradients));
        if (norm > maxNorm && float.IsFinite(norm))
            TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        return norm;
    }
}
