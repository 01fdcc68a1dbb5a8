using System.Runtime.Intrinsics;

namespace MLNetDiff.Kernels.Managed;

/// <summary>
/// One call of a managed kernel written once over the vector type: a struct holding the call's arguments whose
/// <see cref="Run{TVec, TSimd}"/> calls the generic kernel. <see cref="SimdDispatch.Run{TKernel}"/> is the only place
/// that maps a <see cref="SimdLevel"/> to <see cref="Vector512{T}"/>/<see cref="Vector256{T}"/>/<see cref="Vector128{T}"/>/
/// scalar, so a new kernel adds a struct, not another four-way switch.
/// </summary>
/// <remarks>Implementations are structs: the dispatcher is generic over the struct type, so the JIT compiles one
/// specialised copy per kernel and width with the call inlined, exactly as the hand-written switches did.</remarks>
internal interface ISimdKernel
{
    /// <summary>Runs the kernel at the width of <typeparamref name="TVec"/>.</summary>
    void Run<TVec, TSimd>()
        where TVec : unmanaged
        where TSimd : struct, ISimd<TVec>;
}
