using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using MLNetDiff.Kernels.Managed;

namespace MLNetDiff.Kernels.Tests.Managed.Gemm;

/// <summary>The packed managed SGEMM against a double-precision reference: every ISA level the machine runs
/// (Vector512, Vector256, Vector128), every transpose combination, odd shapes around the tile and block sizes,
/// padded leading dimensions, alpha/beta, NaN in C with beta = 0, K = 0, every operand mode of the driver, and
/// bit-identical results for any thread count.</summary>
[TestClass]
public sealed unsafe class ManagedGemmTests
{
    /// <summary>Sizes around the tile widths (12/6/4 rows, 32/16/8 columns) and the vector widths.</summary>
    private static readonly int[] OddSizes = [1, 7, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65];

    /// <summary>A value written into the padding between rows and after C: the kernel must never touch it.</summary>
    private const float Sentinel = -1234.5678f;

    private enum Isa
    {
        Auto,
        V512,
        V256,
        V128,
    }

    /// <summary>Every microkernel level this machine runs (Auto, the one <see cref="ManagedGemm.Sgemm"/> picks, is
    /// one of them; it is run on its own by the backend and K = 0 tests).</summary>
    private static IEnumerable<Isa> AvailableIsas()
    {
        if (Vector512.IsHardwareAccelerated)
            yield return Isa.V512;
        if (Vector256.IsHardwareAccelerated)
            yield return Isa.V256;
        yield return Isa.V128; // software-emulated where Vector128 is not accelerated: still exact semantics
    }

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void OddShapes_MatchReference(bool transA, bool transB)
    {
        int seed = 1;
        foreach (int m in OddSizes)
        {
            foreach (int n in OddSizes)
            {
                foreach (int k in OddSizes)
                {
                    // Every fifth shape gets padded leading dimensions; beta = 0 with NaN in C throughout.
                    int pad = seed % 5 == 0 ? 3 : 0;
                    var p = Problem.Create(transA, transB, m, n, k, 1f, 0f, pad, seed++);
                    var expected = p.Reference();
                    foreach (Isa isa in AvailableIsas())
                        p.Check(expected, p.Run(isa, 1), isa.ToString());
                }
            }
        }
    }

    [TestMethod]
    [DataRow(1f, 0f)]
    [DataRow(1f, 1f)]
    [DataRow(-0.5f, 2f)]
    [DataRow(2f, -0.5f)]
    [DataRow(0f, 1f)]
    [DataRow(0f, 0f)]
    [DataRow(-0.5f, 0f)]
    public void AlphaBeta_MatchReference(float alpha, float beta)
    {
        int seed = 100;
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                foreach ((int m, int n, int k) in new[] { (1, 1, 1), (13, 33, 17), (65, 31, 64), (7, 70, 5), (40, 3, 90) })
                {
                    var p = Problem.Create(transA, transB, m, n, k, alpha, beta, 2, seed++);
                    var expected = p.Reference();
                    foreach (Isa isa in AvailableIsas())
                        p.Check(expected, p.Run(isa, 1), isa.ToString());
                }
            }
        }
    }

    /// <summary>Shapes past the cache blocks: several depth blocks (beta applied once), several row and column
    /// blocks, and edges everywhere; also run with 2 and 3 threads.</summary>
    [TestMethod]
    [DataRow(129, 257, 300, 0)]
    [DataRow(300, 129, 257, 5)]
    [DataRow(260, 70, 800, 0)]
    [DataRow(613, 37, 390, 1)]
    [DataRow(30, 2100, 50, 0)]
    [DataRow(61, 65, 1100, 3)]
    public void LargeShapes_MatchReference(int m, int n, int k, int pad)
    {
        int seed = 1000 + m;
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                var p = Problem.Create(transA, transB, m, n, k, 0.75f, -0.5f, pad, seed++);
                var expected = p.Reference();
                foreach (Isa isa in AvailableIsas())
                {
                    p.Check(expected, p.Run(isa, 1), $"{isa} 1 thread");
                    p.Check(expected, p.Run(isa, 2), $"{isa} 2 threads");
                }
            }
        }
    }

    /// <summary>Each way of reading the operands (A packed or in place, B packed or in place), forced.</summary>
    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void EveryOperandMode_MatchesReference(bool transA, bool transB)
    {
        int seed = 5000;
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (13, 33, 17), (65, 63, 31), (31, 65, 400), (100, 7, 3) })
        {
            var p = Problem.Create(transA, transB, m, n, k, -0.5f, 2f, seed % 2 == 0 ? 4 : 0, seed++);
            var expected = p.Reference();
            foreach (Isa isa in AvailableIsas())
            {
                foreach (bool aInPlace in new[] { false, true })
                {
                    foreach (bool bInPlace in new[] { false, true })
                    {
                        var modes = new GemmModes(aInPlace, bInPlace);
                        p.Check(expected, p.RunDriver(isa, modes), $"{isa} {modes}");
                    }
                }
            }
        }
    }

    [TestMethod]
    [DataRow(0f)]
    [DataRow(1f)]
    [DataRow(-0.5f)]
    public void ZeroDepth_ScalesC(float beta)
    {
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                var p = Problem.Create(transA, transB, 9, 37, 0, 2f, beta, 3, 7);
                var expected = p.Reference();
                foreach (Isa isa in new[] { Isa.Auto }.Concat(AvailableIsas()))
                    p.Check(expected, p.Run(isa, 2), isa.ToString());
            }
        }
    }

    /// <summary>beta = 0 never reads C: NaN and infinities in C do not reach the result.</summary>
    [TestMethod]
    public void BetaZero_IgnoresNaNAndInfinityInC()
    {
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                var p = Problem.Create(transA, transB, 70, 45, 33, 1.5f, 0f, 1, 11);
                for (int i = 0; i < p.C0.Length; i++)
                {
                    if (p.C0[i] != Sentinel)
                        p.C0[i] = (i % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
                }

                var expected = p.Reference();
                foreach (Isa isa in AvailableIsas())
                {
                    float[] c = p.Run(isa, 1);
                    p.Check(expected, c, isa.ToString());
                    for (int i = 0; i < p.M; i++)
                    {
                        for (int j = 0; j < p.N; j++)
                            Assert.IsTrue(float.IsFinite(c[i * p.Ldc + j]), $"{isa}: C[{i},{j}] = {c[i * p.Ldc + j]}");
                    }
                }
            }
        }
    }

    /// <summary>Threads split rows or columns of C, never K: 1, 2 and 3 threads give the same bits, above the
    /// parallel threshold, for every ISA level and transpose combination.</summary>
    [TestMethod]
    [DataRow(512, 96, 256)]
    [DataRow(96, 512, 256)]
    [DataRow(64, 200, 1024)]
    [DataRow(1000, 33, 333)]
    [DataRow(37, 700, 400)]
    [DataRow(200, 90, 250)]
    public void ThreadCount_BitIdentical(int m, int n, int k)
    {
        Assert.IsGreaterThanOrEqualTo(ManagedGemm.ParallelFlopThreshold, 2.0 * m * n * k, "shape too small to go parallel");
        int seed = 77;
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                var p = Problem.Create(transA, transB, m, n, k, 1f, 0.5f, 1, seed++);
                var expected = p.Reference();
                foreach (Isa isa in AvailableIsas())
                {
                    float[] one = p.Run(isa, 1);
                    p.Check(expected, one, $"{isa} 1 thread");
                    foreach (int threads in new[] { 2, 3 })
                    {
                        float[] many = p.Run(isa, threads);
                        for (int i = 0; i < one.Length; i++)
                        {
                            if (BitConverter.SingleToInt32Bits(one[i]) != BitConverter.SingleToInt32Bits(many[i]))
                                Assert.Fail($"{isa} {transA}/{transB}: {threads} threads differ at {i}: {one[i]} vs {many[i]}");
                        }
                    }
                }
            }
        }
    }

    /// <summary>A column split (short M, transposed B): bands cover C exactly and give the single-threaded bits,
    /// whatever the alignment of C.</summary>
    [TestMethod]
    public void ColumnSplit_BitIdentical()
    {
        var p = Problem.Create(false, true, 40, 500, 512, 1f, 0f, 12, 9);
        var expected = p.Reference();
        fixed (float* pc = p.C0)
        {
            var g = new GemmArgs(false, true, p.M, p.N, p.K, 1f, null, p.Lda, null, p.Ldb, 0f, pc, p.Ldc);
            GemmModes modes = ManagedGemm.ChooseModes(g);
            GemmParallel.Plan plan = Vector512.IsHardwareAccelerated
                ? GemmParallel.MakePlan<GemmKernel512>(g, modes, 2)
                : GemmParallel.MakePlan<GemmKernel256>(g, modes, 2);
            Assert.IsTrue(plan.SplitColumns, "expected a column split");
            Assert.AreEqual(2, plan.Bands);
        }

        foreach (int offset in new[] { 0, 1, 5, 15 })
        {
            float[] one = p.Run(Isa.Auto, 1, offset);
            float[] two = p.Run(Isa.Auto, 2, offset);
            p.Check(expected, two, $"offset {offset}");
            for (int i = 0; i < one.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(one[i]) != BitConverter.SingleToInt32Bits(two[i]))
                    Assert.Fail($"offset {offset}: 2 threads differ at {i}: {one[i]} vs {two[i]}");
            }
        }
    }

    /// <summary>Through the backend API: the managed backend's GEMM is this one.</summary>
    [TestMethod]
    public void ManagedBackend_UsesManagedGemm()
    {
        var p = Problem.Create(false, true, 50, 40, 30, 1f, 0f, 0, 3);
        float[] c = (float[])p.C0.Clone();
        KernelBackends.Managed.Gemm(p.TransA, p.TransB, p.M, p.N, p.K, p.Alpha, p.A, p.Lda, p.B, p.Ldb, p.Beta, c, p.Ldc);
        p.Check(p.Reference(), c, "backend");
    }

    /// <summary>One GEMM problem with its inputs; C0 is C before the call, with sentinels in the padding.</summary>
    private sealed class Problem
    {
        public bool TransA { get; private init; }
        public bool TransB { get; private init; }
        public int M { get; private init; }
        public int N { get; private init; }
        public int K { get; private init; }
        public float Alpha { get; private init; }
        public float Beta { get; private init; }
        public int Lda { get; private init; }
        public int Ldb { get; private init; }
        public int Ldc { get; private init; }
        public float[] A { get; private init; } = [];
        public float[] B { get; private init; } = [];
        public float[] C0 { get; private init; } = [];

        public static Problem Create(bool transA, bool transB, int m, int n, int k, float alpha, float beta, int pad, int seed)
        {
            var random = new Random(seed);
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
            // Exact API extents: the last row is only as long as the matrix is wide.
            float[] a = Fill(random, Extent(aRows, aCols, lda), lda, aCols);
            float[] b = Fill(random, Extent(bRows, bCols, ldb), ldb, bCols);
            float[] c = new float[m * ldc + 5];
            c.AsSpan().Fill(Sentinel);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                    c[i * ldc + j] = beta == 0f ? float.NaN : (float)(random.NextDouble() * 2 - 1);
            }

            return new Problem
            {
                TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha, Beta = beta,
                Lda = lda, Ldb = ldb, Ldc = ldc, A = a, B = b, C0 = c,
            };
        }

        private static int Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

        private static float[] Fill(Random random, int length, int ld, int cols)
        {
            var data = new float[length];
            for (int i = 0; i < length; i++)
                data[i] = i % ld < cols ? (float)(random.NextDouble() * 2 - 1) : float.NaN; // padding must not be read
            return data;
        }

        /// <summary>Expected C in double and the error scale of each element (|alpha|·Σ|a·b| + |beta·c0|).</summary>
        public (double[] Expected, double[] Scale) Reference()
        {
            // op(A) as M×K and op(B)ᵀ as N×K, both row-major in double: the inner loop is a plain dot product.
            var opA = new double[M * K];
            var opBt = new double[N * K];
            for (int i = 0; i < M; i++)
            {
                for (int p = 0; p < K; p++)
                    opA[i * K + p] = TransA ? A[p * Lda + i] : A[i * Lda + p];
            }

            for (int j = 0; j < N; j++)
            {
                for (int p = 0; p < K; p++)
                    opBt[j * K + p] = TransB ? B[j * Ldb + p] : B[p * Ldb + j];
            }

            var expected = new double[M * Ldc];
            var scale = new double[M * Ldc];
            for (int i = 0; i < M; i++)
            {
                ReadOnlySpan<double> rowA = opA.AsSpan(i * K, K);
                for (int j = 0; j < N; j++)
                {
                    ReadOnlySpan<double> rowB = opBt.AsSpan(j * K, K);
                    double sum = 0, abs = 0;
                    for (int p = 0; p < rowA.Length; p++)
                    {
                        double t = rowA[p] * rowB[p];
                        sum += t;
                        abs += Math.Abs(t);
                    }

                    // beta = 0: C is not read (it holds NaN).
                    double c = Beta == 0f ? 0 : Beta * (double)C0[i * Ldc + j];
                    expected[i * Ldc + j] = Alpha * sum + c;
                    scale[i * Ldc + j] = Math.Abs(Alpha) * abs + Math.Abs(c);
                }
            }

            return (expected, scale);
        }

        /// <summary>|c − expected| ≤ 1e-5 + 4·(K + 2)·u·scale (u = 2⁻²⁴: a float FMA chain of K terms plus the
        /// alpha/beta step); every element outside C (row padding, tail) still holds the sentinel.</summary>
        public void Check((double[] Expected, double[] Scale) reference, float[] actual, string what)
        {
            for (int i = 0; i < M; i++)
            {
                for (int j = 0; j < N; j++)
                {
                    double tolerance = 1e-5 + 4.0 * (K + 2) * Tolerance.Unit * reference.Scale[i * Ldc + j];
                    double e = reference.Expected[i * Ldc + j];
                    float x = actual[i * Ldc + j];
                    if (!(Math.Abs(x - e) <= tolerance))
                    {
                        Assert.Fail($"{what} {(TransA ? "T" : "N")}{(TransB ? "T" : "N")} M={M} N={N} K={K} " +
                            $"alpha={Alpha} beta={Beta} ld=({Lda},{Ldb},{Ldc}): C[{i},{j}] = {x}, expected {e} ± {tolerance}");
                    }
                }
            }

            for (int idx = 0; idx < actual.Length; idx++)
            {
                if ((idx / Ldc >= M || idx % Ldc >= N) && actual[idx] != Sentinel)
                    Assert.Fail($"{what}: element {idx} outside C was written ({actual[idx]})");
            }
        }

        /// <summary>Runs on a copy of C0 placed <paramref name="offset"/> floats into a larger array (to vary the
        /// alignment of C) and returns that copy.</summary>
        public float[] Run(Isa isa, int threads, int offset = 0)
        {
            var buffer = new float[offset + C0.Length];
            C0.CopyTo(buffer, offset);
            Span<float> c = buffer.AsSpan(offset);
            switch (isa)
            {
                case Isa.Auto:
                    ManagedGemm.Sgemm(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc, threads);
                    break;
                case Isa.V512:
                    ManagedGemm.Sgemm<GemmKernel512>(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc, threads);
                    break;
                case Isa.V256:
                    ManagedGemm.Sgemm<GemmKernel256>(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc, threads);
                    break;
                default:
                    ManagedGemm.Sgemm<GemmKernel128>(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc, threads);
                    break;
            }

            return c.ToArray();
        }

        /// <summary>The single-threaded driver with the operand modes forced.</summary>
        public float[] RunDriver(Isa isa, GemmModes modes)
        {
            float[] c = (float[])C0.Clone();
            fixed (float* pa = A)
            fixed (float* pb = B)
            fixed (float* pc = c)
            {
                var g = new GemmArgs(TransA, TransB, M, N, K, Alpha, pa, Lda, pb, Ldb, Beta, pc, Ldc);
                switch (isa)
                {
                    case Isa.V512:
                        GemmDriver<GemmKernel512>.Run(g, modes);
                        break;
                    case Isa.V256:
                        GemmDriver<GemmKernel256>.Run(g, modes);
                        break;
                    default:
                        GemmDriver<GemmKernel128>.Run(g, modes);
                        break;
                }
            }

            return c;
        }
    }
}
