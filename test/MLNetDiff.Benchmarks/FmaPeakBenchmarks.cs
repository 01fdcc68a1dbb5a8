using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// This machine's FMA peak, measured in the same run as the GEMMs so every GEMM figure is also a fraction of it:
/// 12 independent Vector512 FMA chains (enough to cover latency 4 × 2 pipes), distinct initial values so the JIT
/// cannot merge chains. FLOP per call = Iterations × 12 chains × 16 lanes × 2.
/// </summary>
public class FmaPeakBenchmarks
{
    public const int Iterations = 200_000;
    public const double FlopsPerThread = Iterations * 12.0 * 16 * 2;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Benchmark]
    public float FmaPeak()
    {
        if (Threads == 1)
            return Chains(1f);
        float r0 = 0, r1 = 0;
        Parallel.Invoke(() => r0 = Chains(1f), () => r1 = Chains(2f));
        return r0 + r1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chains(float seed)
    {
        var m = Vector512.Create(0.999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(seed + 0.01f), a1 = Vector512.Create(seed + 0.02f),
            a2 = Vector512.Create(seed + 0.03f), a3 = Vector512.Create(seed + 0.04f),
            a4 = Vector512.Create(seed + 0.05f), a5 = Vector512.Create(seed + 0.06f),
            a6 = Vector512.Create(seed + 0.07f), a7 = Vector512.Create(seed + 0.08f),
            a8 = Vector512.Create(seed + 0.09f), a9 = Vector512.Create(seed + 0.10f),
            a10 = Vector512.Create(seed + 0.11f), a11 = Vector512.Create(seed + 0.12f);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c);
            a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c);
            a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return Vector512.Sum(sum);
    }
}
