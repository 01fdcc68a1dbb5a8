namespace MLNetDiff.Kernels.Native;

/// <summary>The C ABI's instruction-set levels (<c>MLND_ISA_*</c>; <c>NativeAbiTests</c> checks the values).</summary>
internal static class NativeIsa
{
    public const int Scalar = 0;
    public const int Avx2 = 1;
    public const int Avx512 = 2;
}
