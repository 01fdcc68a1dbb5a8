using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNetDiff.Kernels.Managed;

/// <summary>The one per-width dispatch of the managed backend (see <see cref="ISimdKernel"/>).</summary>
internal static class SimdDispatch
{
    /// <summary>Runs <paramref name="kernel"/> at <paramref name="level"/> (from <see cref="SimdLevels.Pick"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(SimdLevel level, TKernel kernel)
        where TKernel : struct, ISimdKernel
    {
        switch (level)
        {
            case SimdLevel.Vector512:
                kernel.Run<Vector512<float>, Simd512>();
                break;
            case SimdLevel.Vector256:
                kernel.Run<Vector256<float>, Simd256>();
                break;
            case SimdLevel.Vector128:
                kernel.Run<Vector128<float>, Simd128>();
                break;
            default:
                kernel.Run<float, SimdScalar>();
                break;
        }
    }
}
