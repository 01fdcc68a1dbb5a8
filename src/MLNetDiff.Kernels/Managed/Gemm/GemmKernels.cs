namespace MLNetDiff.Kernels.Managed;

/// <summary>One ISA level of the packed GEMM: tile shape, cache blocking and the microkernels.</summary>
/// <remarks>The driver (<see cref="GemmDriver{TKernel}"/>) is generic over a struct implementing this, so the
/// JIT compiles one fully specialised driver an ISA level with every size a constant.</remarks>
internal unsafe interface IGemmKernel
{
    /// <summary>Rows of a full microkernel tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of a tile = width of a packed B panel.</summary>
    static abstract int NR { get; }

    /// <summary>Largest depth block (the packed B panel kc·NR should stay in L1).</summary>
    static abstract int KC { get; }

    /// <summary>Rows of A a block (mc·kc in L2); a multiple of <see cref="MR"/>.</summary>
    static abstract int MC { get; }

    /// <summary>Columns of B a block (kc·nc in L2/L3); a multiple of <see cref="NR"/>.</summary>
    static abstract int NC { get; }

    /// <summary>Tile of <paramref name="rows"/> (1..MR) rows: A(i, p) at a[i + p·aStep].</summary>
    static abstract void Packed(int rows, int kc, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta);

    /// <summary>Tile of <paramref name="rows"/> (1..MR) rows: A(i, p) at a[i·lda + p] (row-major A, unpacked).</summary>
    static abstract void Rows(int rows, int kc, float* a, nint lda, float* b, nint bStep, float* c, nint ldc, float alpha, float beta);
}

/// <summary>AVX-512: 12×32 tiles (24 zmm accumulators).</summary>
internal readonly unsafe struct GemmKernel512 : IGemmKernel
{
    public static int MR => 12;
    public static int NR => Microkernel512.NR;
    public static int KC => 384;
    public static int MC => 240;
    public static int NC => 2048;

    public static void Packed(int rows, int kc, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel512.Packed<GemmRows1>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel512.Packed<GemmRows2>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel512.Packed<GemmRows3>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 4: Microkernel512.Packed<GemmRows4>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 5: Microkernel512.Packed<GemmRows5>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 6: Microkernel512.Packed<GemmRows6>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 7: Microkernel512.Packed<GemmRows7>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 8: Microkernel512.Packed<GemmRows8>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 9: Microkernel512.Packed<GemmRows9>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 10: Microkernel512.Packed<GemmRows10>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 11: Microkernel512.Packed<GemmRows11>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 12: Microkernel512.Packed<GemmRows12>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 13: Microkernel512.Packed<GemmRows13>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel512.Packed<GemmRows14>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
        }
    }

    public static void Rows(int rows, int kc, float* a, nint lda, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel512.Rows<GemmRows1>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel512.Rows<GemmRows2>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel512.Rows<GemmRows3>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 4: Microkernel512.Rows<GemmRows4>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 5: Microkernel512.Rows<GemmRows5>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 6: Microkernel512.Rows<GemmRows6>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 7: Microkernel512.Rows<GemmRows7>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 8: Microkernel512.Rows<GemmRows8>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 9: Microkernel512.Rows<GemmRows9>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 10: Microkernel512.Rows<GemmRows10>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 11: Microkernel512.Rows<GemmRows11>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 12: Microkernel512.Rows<GemmRows12>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 13: Microkernel512.Rows<GemmRows13>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel512.Rows<GemmRows14>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
        }
    }
}

/// <summary>AVX2: 6×16 tiles (12 ymm accumulators).</summary>
internal readonly unsafe struct GemmKernel256 : IGemmKernel
{
    public static int MR => 6;
    public static int NR => Microkernel256.NR;
    public static int KC => 256;
    public static int MC => 120;
    public static int NC => 2048;

    public static void Packed(int rows, int kc, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel256.Packed<GemmRows1>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel256.Packed<GemmRows2>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel256.Packed<GemmRows3>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 4: Microkernel256.Packed<GemmRows4>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 5: Microkernel256.Packed<GemmRows5>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel256.Packed<GemmRows6>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
        }
    }

    public static void Rows(int rows, int kc, float* a, nint lda, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel256.Rows<GemmRows1>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel256.Rows<GemmRows2>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel256.Rows<GemmRows3>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 4: Microkernel256.Rows<GemmRows4>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 5: Microkernel256.Rows<GemmRows5>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel256.Rows<GemmRows6>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
        }
    }
}

/// <summary>Fallback (no AVX2): Vector128 4×8 tiles.</summary>
internal readonly unsafe struct GemmKernel128 : IGemmKernel
{
    public static int MR => 4;
    public static int NR => Microkernel128.NR;
    public static int KC => 256;
    public static int MC => 128;
    public static int NC => 1024;

    public static void Packed(int rows, int kc, float* a, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel128.Packed<GemmRows1>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel128.Packed<GemmRows2>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel128.Packed<GemmRows3>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel128.Packed<GemmRows4>(kc, a, aStep, b, bStep, c, ldc, alpha, beta); break;
        }
    }

    public static void Rows(int rows, int kc, float* a, nint lda, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        switch (rows)
        {
            case 1: Microkernel128.Rows<GemmRows1>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 2: Microkernel128.Rows<GemmRows2>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            case 3: Microkernel128.Rows<GemmRows3>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
            default: Microkernel128.Rows<GemmRows4>(kc, a, lda, b, bStep, c, ldc, alpha, beta); break;
        }
    }
}
