namespace MLNetDiff.Kernels.Managed;

/// <summary>One GEMM problem over pinned memory: C[M,N] = alpha·op(A)·op(B) + beta·C (row-major).</summary>
/// <remarks>op(A)(i, p) is A[i·lda + p], or A[p·lda + i] when transposed; op(B)(p, j) is B[p·ldb + j], or
/// B[j·ldb + p] when transposed. Sub-problems (a band of rows or of columns of C) share the same depth K, so
/// a band computes exactly what the whole problem computes for those elements.</remarks>
internal readonly unsafe struct GemmArgs
{
    public readonly bool TransA;
    public readonly bool TransB;
    public readonly int M;
    public readonly int N;
    public readonly int K;
    public readonly float Alpha;
    public readonly float Beta;
    public readonly float* A;
    public readonly float* B;
    public readonly float* C;
    public readonly nint Lda;
    public readonly nint Ldb;
    public readonly nint Ldc;

    public GemmArgs(bool transA, bool transB, int m, int n, int k, float alpha, float* a, nint lda,
        float* b, nint ldb, float beta, float* c, nint ldc)
    {
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        Beta = beta;
        A = a;
        B = b;
        C = c;
        Lda = lda;
        Ldb = ldb;
        Ldc = ldc;
    }

    /// <summary>Rows [start, end) of C.</summary>
    public GemmArgs RowBand(int start, int end)
        => new(TransA, TransB, end - start, N, K, Alpha, TransA ? A + start : A + start * Lda, Lda,
            B, Ldb, Beta, C + start * Ldc, Ldc);

    /// <summary>Columns [start, end) of C.</summary>
    public GemmArgs ColumnBand(int start, int end)
        => new(TransA, TransB, M, end - start, K, Alpha, A, Lda,
            TransB ? B + start * Ldb : B + start, Ldb, Beta, C + start, Ldc);
}
