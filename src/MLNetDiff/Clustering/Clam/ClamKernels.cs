using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// The two block operations of the ClAM dynamics (a GEMM and the B×K squared-distance block) over
/// <typeparamref name="T"/> = float or double. Float goes to the kernel layer (SIMD/native GEMM, tested there); double,
/// which the kernel layer does not have, runs plain loops: it exists so that the same dynamics code can be checked
/// against finite differences to 1e-6 (specs/clustering.md B9 (2)), which float rounding cannot reach.
/// </summary>
/// <remarks>The <c>typeof(T)</c> tests are JIT-time constants for a value type, so each instantiation keeps one path.</remarks>
internal static class ClamKernels<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether <typeparamref name="T"/> is one of the two supported types; checked once by the dynamics.</summary>
    public static bool IsSupported => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>C[M,N] = alpha·op(A)·op(B) + beta·C with dense row-major operands (leading dimension = columns);
    /// with beta = 0, C is not read.</summary>
    public static void Gemm(KernelBackend backend, bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c)
    {
        int lda = transA ? m : k, ldb = transB ? k : n;
        if (typeof(T) == typeof(float))
        {
            backend.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), Math.Max(1, lda),
                MemoryMarshal.Cast<T, float>(b), Math.Max(1, ldb), float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c),
                Math.Max(1, n));
            return;
        }
        RowGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    /// <summary>The same product as row operations (an axpy of a B row per A entry, or a dot per C entry) over
    /// <see cref="TensorPrimitives"/>: the double path. Measured for float too (ClamBenchmarks, managed, 1 thread):
    /// 1.1-4.6× slower than the kernel layer's GEMM at B = 32, K 3-10, d 16-256, so float keeps the kernel GEMM.</summary>
    public static void RowGemm(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a,
        ReadOnlySpan<T> b, T beta, Span<T> c)
    {
        Span<T> cm = c.Slice(0, m * n);
        if (T.IsZero(beta))
            cm.Clear();
        else if (beta != T.One)
            TensorPrimitives.Multiply(cm, beta, cm);
        if (transB)
        {
            // C[i,j] += α·A_i·B_j (A rows of length k; transA does not occur with transB here).
            if (transA)
                throw new NotSupportedException("ClAM never multiplies two transposed operands.");
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> ai = a.Slice(i * k, k);
                for (int j = 0; j < n; j++)
                    c[i * n + j] += alpha * TensorPrimitives.Dot(ai, b.Slice(j * k, k));
            }
            return;
        }
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<T> bp = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                T aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                if (T.IsZero(aip))
                    continue;
                Span<T> ci = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bp, aip, ci, ci);
            }
        }
    }

    /// <summary>destination[i,j] = ‖x_i − y_j‖² for x: m×d, y: n×d (float: the kernel layer's, clamped at ≥ 0; double:
    /// the difference form, exact up to rounding of each term).</summary>
    public static void SquaredDistances(KernelBackend backend, int m, int n, int d, ReadOnlySpan<T> x, ReadOnlySpan<T> y,
        Span<T> destination)
    {
        if (typeof(T) == typeof(float))
        {
            backend.SquaredEuclideanDistances(m, n, d, MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y),
                MemoryMarshal.Cast<T, float>(destination));
            return;
        }
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> xi = x.Slice(i * d, d);
            for (int j = 0; j < n; j++)
                destination[i * n + j] = SquaredDistance(xi, y.Slice(j * d, d));
        }
    }

    /// <summary>‖a − b‖² in the difference form (no cancellation).</summary>
    public static T SquaredDistance(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        T sum = T.Zero;
        for (int i = 0; i < a.Length; i++)
        {
            T diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }
}
