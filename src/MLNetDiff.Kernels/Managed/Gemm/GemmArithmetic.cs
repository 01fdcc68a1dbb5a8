using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MLNetDiff.Kernels.Managed;

/// <summary>The one arithmetic rule every GEMM path follows, so that results never depend on the tiling, the
/// edge handling or the thread split.</summary>
internal static class GemmArithmetic
{
    /// <summary>True where multiply-adds are fused in hardware (x86 FMA3, Arm64 AdvSimd): the microkernels and
    /// the edge merge then use FMA; elsewhere (e.g. <c>DOTNET_EnableAVX2=0</c>) a software FMA would cost a
    /// hundred times a multiply and an add, so all of them use a multiply and an add instead.
    /// A JIT-time constant.</summary>
    public static bool Fused => Fma.IsSupported || AdvSimd.IsSupported;
}
