using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Per-thread packing buffers: pinned arrays (pinned object heap) that only grow, so steady-state GEMM
/// calls allocate nothing; they are collected with their thread.</summary>
internal static unsafe class GemmBuffers
{
    private const int AlignFloats = 16; // 64 bytes

    [ThreadStatic]
    private static float[]? t_packA;

    [ThreadStatic]
    private static float[]? t_packB;

    /// <summary>A 64-byte aligned buffer of at least <paramref name="count"/> floats for packed A.</summary>
    public static float* PackA(int count) => Get(ref t_packA, count);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="count"/> floats for packed B.</summary>
    public static float* PackB(int count) => Get(ref t_packB, count);

    private static float* Get(ref float[]? buffer, int count)
    {
        if (buffer is null || buffer.Length < count + AlignFloats)
        {
            // Grow geometrically so a slowly growing sequence of shapes does not reallocate every call.
            int size = Math.Max(count + AlignFloats, buffer is null ? 0 : (int)Math.Min(int.MaxValue / 2, 2L * buffer.Length));
            buffer = GC.AllocateUninitializedArray<float>(size, pinned: true);
        }

        // Pinned for its lifetime: the address is stable without a fixed statement.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + (AlignFloats * sizeof(float) - 1)) & ~(nuint)(AlignFloats * sizeof(float) - 1));
    }
}
