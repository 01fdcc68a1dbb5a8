namespace MLNetDiff.Kernels;

/// <summary>Which implementation executes the kernels.</summary>
public enum KernelBackendKind
{
    /// <summary>Plain loops; the reference every other backend is tested against.</summary>
    Scalar,
    /// <summary>Managed SIMD: Vector512 where accelerated, else Vector256/128, TensorPrimitives for element-wise work.</summary>
    Managed,
    /// <summary>The C++ library libmlnetdiff (AVX-512 → AVX2+FMA → scalar, chosen at run time).</summary>
    Native,
}
