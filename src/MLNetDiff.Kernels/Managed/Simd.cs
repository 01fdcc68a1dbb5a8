using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static MLNetDiff.Kernels.Managed.SimdLevels;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Vector widths of the managed kernels, widest last.</summary>
internal enum SimdLevel
{
    /// <summary>One float at a time (the generic kernels instantiated over <see cref="float"/>).</summary>
    Scalar = 0,
    /// <summary><see cref="Vector128{T}"/>: 4 floats.</summary>
    Vector128 = 1,
    /// <summary><see cref="Vector256{T}"/>: 8 floats (AVX2).</summary>
    Vector256 = 2,
    /// <summary><see cref="Vector512{T}"/>: 16 floats (AVX-512).</summary>
    Vector512 = 3,
}

/// <summary>Which vector widths this process accelerates, and which one a kernel of a given length uses.</summary>
internal static class SimdLevels
{
    /// <summary>Every ISimd member is a one-liner that must inline into the kernel loops.</summary>
    internal const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>The widest accelerated width (honours <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX2=0</c>).</summary>
    public static SimdLevel Hardware { get; } =
        Vector512.IsHardwareAccelerated ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>The widest level ≤ <paramref name="max"/> whose vector fits in <paramref name="length"/> elements:
    /// every kernel handles its remainder with one overlapping, masked last vector, which needs at least one
    /// full vector.</summary>
    [MethodImpl(Inline)] public static SimdLevel Pick(SimdLevel max, long length)
    {
        if (max >= SimdLevel.Vector512 && length >= Vector512<float>.Count)
            return SimdLevel.Vector512;
        if (max >= SimdLevel.Vector256 && length >= Vector256<float>.Count)
            return SimdLevel.Vector256;
        if (max >= SimdLevel.Vector128 && length >= Vector128<float>.Count)
            return SimdLevel.Vector128;
        return SimdLevel.Scalar;
    }

    public static string Name(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => "Vector512",
        SimdLevel.Vector256 => "Vector256",
        SimdLevel.Vector128 => "Vector128",
        _ => "scalar",
    };
}

/// <summary>
/// The operations the generic kernels (<see cref="SimdKernels{TVec, TSimd}"/>) need from a vector type, as static
/// members so that the JIT specializes and inlines every instantiation. Arithmetic comes from the operator
/// </summary>
/// <remarks>Masks are vectors of the same type whose lanes are all-ones (true) or all-zeros (false).</remarks>
internal unsafe interface ISimd<TVec>
    where TVec : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Create(float value);

    static abstract TVec Load(float* source);

    static abstract void Store(TVec value, float* destination);

    static abstract TVec Add(TVec x, TVec y);

    static abstract TVec Subtract(TVec x, TVec y);

    static abstract TVec Multiply(TVec x, TVec y);

    static abstract TVec Divide(TVec x, TVec y);

    static abstract TVec Negate(TVec x);

    static abstract TVec Sqrt(TVec x);

    static abstract TVec Abs(TVec x);

    /// <summary>e^x, lane by lane (the BCL's vectorized exp; ≤ 1 ulp from <see cref="MathF.Exp"/>).</summary>
    static abstract TVec Exp(TVec x);

    /// <summary>IEEE 754:2019 maximum: NaN when either lane is NaN, and +0 &gt; −0.</summary>
    static abstract TVec Max(TVec x, TVec y);

    static abstract TVec GreaterThan(TVec x, TVec y);

    static abstract TVec LessThan(TVec x, TVec y);

    static abstract TVec LessThanOrEqual(TVec x, TVec y);

    /// <summary>mask ? whenTrue : whenFalse, lane by lane.</summary>
    static abstract TVec Select(TVec mask, TVec whenTrue, TVec whenFalse);

    static abstract TVec And(TVec x, TVec y);

    static abstract TVec Xor(TVec x, TVec y);

    /// <summary>Sum of the lanes (a fixed order for a given width).</summary>
    static abstract float Sum(TVec x);

    /// <summary>A mask whose lanes <c>i ≥ skip</c> are set: the new lanes of an overlapping last vector that
    /// starts <paramref name="skip"/> elements before the end of the already processed part.</summary>
    static abstract TVec TailMask(int skip);
}

/// <summary><see cref="Vector512{T}"/> of float.</summary>
internal readonly unsafe struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(Inline)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(Inline)] public static Vector512<float> Load(float* source) => Vector512.Load(source);
    [MethodImpl(Inline)] public static void Store(Vector512<float> value, float* destination) => value.Store(destination);
    [MethodImpl(Inline)] public static Vector512<float> Add(Vector512<float> x, Vector512<float> y) => x + y;
    [MethodImpl(Inline)] public static Vector512<float> Subtract(Vector512<float> x, Vector512<float> y) => x - y;
    [MethodImpl(Inline)] public static Vector512<float> Multiply(Vector512<float> x, Vector512<float> y) => x * y;
    [MethodImpl(Inline)] public static Vector512<float> Divide(Vector512<float> x, Vector512<float> y) => x / y;
    [MethodImpl(Inline)] public static Vector512<float> Negate(Vector512<float> x) => -x;
    [MethodImpl(Inline)] public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<float> Exp(Vector512<float> x) => Vector512.Exp(x);
    [MethodImpl(Inline)] public static Vector512<float> Max(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
    [MethodImpl(Inline)] public static Vector512<float> GreaterThan(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);
    [MethodImpl(Inline)] public static Vector512<float> LessThan(Vector512<float> x, Vector512<float> y) => Vector512.LessThan(x, y);
    [MethodImpl(Inline)] public static Vector512<float> LessThanOrEqual(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);
    [MethodImpl(Inline)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) =>
        Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector512<float> And(Vector512<float> x, Vector512<float> y) => x & y;
    [MethodImpl(Inline)] public static Vector512<float> Xor(Vector512<float> x, Vector512<float> y) => x ^ y;
    [MethodImpl(Inline)] public static float Sum(Vector512<float> x) => Vector512.Sum(x);
    [MethodImpl(Inline)] public static Vector512<float> TailMask(int skip) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(skip)).AsSingle();
}

/// <summary><see cref="Vector256{T}"/> of float.</summary>
internal readonly unsafe struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(Inline)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(Inline)] public static Vector256<float> Load(float* source) => Vector256.Load(source);
    [MethodImpl(Inline)] public static void Store(Vector256<float> value, float* destination) => value.Store(destination);
    [MethodImpl(Inline)] public static Vector256<float> Add(Vector256<float> x, Vector256<float> y) => x + y;
    [MethodImpl(Inline)] public static Vector256<float> Subtract(Vector256<float> x, Vector256<float> y) => x - y;
    [MethodImpl(Inline)] public static Vector256<float> Multiply(Vector256<float> x, Vector256<float> y) => x * y;
    [MethodImpl(Inline)] public static Vector256<float> Divide(Vector256<float> x, Vector256<float> y) => x / y;
    [MethodImpl(Inline)] public static Vector256<float> Negate(Vector256<float> x) => -x;
    [MethodImpl(Inline)] public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<float> Exp(Vector256<float> x) => Vector256.Exp(x);
    [MethodImpl(Inline)] public static Vector256<float> Max(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);
    [MethodImpl(Inline)] public static Vector256<float> GreaterThan(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);
    [MethodImpl(Inline)] public static Vector256<float> LessThan(Vector256<float> x, Vector256<float> y) => Vector256.LessThan(x, y);
    [MethodImpl(Inline)] public static Vector256<float> LessThanOrEqual(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);
    [MethodImpl(Inline)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) =>
        Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector256<float> And(Vector256<float> x, Vector256<float> y) => x & y;
    [MethodImpl(Inline)] public static Vector256<float> Xor(Vector256<float> x, Vector256<float> y) => x ^ y;
    [MethodImpl(Inline)] public static float Sum(Vector256<float> x) => Vector256.Sum(x);
    [MethodImpl(Inline)] public static Vector256<float> TailMask(int skip) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(skip)).AsSingle();
}

/// <summary><see cref="Vector128{T}"/> of float.</summary>
internal readonly unsafe struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(Inline)] public static Vector128<float> Create(float value) => Vector128.Create(value);
    [MethodImpl(Inline)] public static Vector128<float> Load(float* source) => Vector128.Load(source);
    [MethodImpl(Inline)] public static void Store(Vector128<float> value, float* destination) => value.Store(destination);
    [MethodImpl(Inline)] public static Vector128<float> Add(Vector128<float> x, Vector128<float> y) => x + y;
    [MethodImpl(Inline)] public static Vector128<float> Subtract(Vector128<float> x, Vector128<float> y) => x - y;
    [MethodImpl(Inline)] public static Vector128<float> Multiply(Vector128<float> x, Vector128<float> y) => x * y;
    [MethodImpl(Inline)] public static Vector128<float> Divide(Vector128<float> x, Vector128<float> y) => x / y;
    [MethodImpl(Inline)] public static Vector128<float> Negate(Vector128<float> x) => -x;
    [MethodImpl(Inline)] public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);
    [MethodImpl(Inline)] public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);
    [MethodImpl(Inline)] public static Vector128<float> Exp(Vector128<float> x) => Vector128.Exp(x);
    [MethodImpl(Inline)] public static Vector128<float> Max(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);
    [MethodImpl(Inline)] public static Vector128<float> GreaterThan(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y);
    [MethodImpl(Inline)] public static Vector128<float> LessThan(Vector128<float> x, Vector128<float> y) => Vector128.LessThan(x, y);
    [MethodImpl(Inline)] public static Vector128<float> LessThanOrEqual(Vector128<float> x, Vector128<float> y) => Vector128.LessThanOrEqual(x, y);
    [MethodImpl(Inline)] public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) =>
        Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector128<float> And(Vector128<float> x, Vector128<float> y) => x & y;
    [MethodImpl(Inline)] public static Vector128<float> Xor(Vector128<float> x, Vector128<float> y) => x ^ y;
    [MethodImpl(Inline)] public static float Sum(Vector128<float> x) => Vector128.Sum(x);
    [MethodImpl(Inline)] public static Vector128<float> TailMask(int skip) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(skip)).AsSingle();
}

/// <summary>A one-lane "vector": the same generic kernels run element by element where no SIMD width is
/// accelerated or a row is shorter than the narrowest vector.</summary>
internal readonly unsafe struct SimdScalar : ISimd<float>
{
    private static readonly float True = BitConverter.Int32BitsToSingle(-1);

    public static int Count => 1;
    [MethodImpl(Inline)] public static float Create(float value) => value;
    [MethodImpl(Inline)] public static float Load(float* source) => *source;
    [MethodImpl(Inline)] public static void Store(float value, float* destination) => *destination = value;
    [MethodImpl(Inline)] public static float Add(float x, float y) => x + y;
    [MethodImpl(Inline)] public static float Subtract(float x, float y) => x - y;
    [MethodImpl(Inline)] public static float Multiply(float x, float y) => x * y;
    [MethodImpl(Inline)] public static float Divide(float x, float y) => x / y;
    [MethodImpl(Inline)] public static float Negate(float x) => -x;
    [MethodImpl(Inline)] public static float Sqrt(float x) => MathF.Sqrt(x);
    [MethodImpl(Inline)] public static float Abs(float x) => MathF.Abs(x);
    [MethodImpl(Inline)] public static float Exp(float x) => MathF.Exp(x);
    [MethodImpl(Inline)] public static float Max(float x, float y) => MathF.Max(x, y);
    [MethodImpl(Inline)] public static float GreaterThan(float x, float y) => x > y ? True : 0f;
    [MethodImpl(Inline)] public static float LessThan(float x, float y) => x < y ? True : 0f;
    [MethodImpl(Inline)] public static float LessThanOrEqual(float x, float y) => x <= y ? True : 0f;
    [MethodImpl(Inline)] public static float Select(float mask, float whenTrue, float whenFalse) =>
        BitConverter.SingleToInt32Bits(mask) != 0 ? whenTrue : whenFalse;
    [MethodImpl(Inline)] public static float And(float x, float y) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & BitConverter.SingleToInt32Bits(y));
    [MethodImpl(Inline)] public static float Xor(float x, float y) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) ^ BitConverter.SingleToInt32Bits(y));
    [MethodImpl(Inline)] public static float Sum(float x) => x;
    [MethodImpl(Inline)] public static float TailMask(int skip) => skip <= 0 ? True : 0f;
}
