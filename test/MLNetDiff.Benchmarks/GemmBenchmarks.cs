using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using MLNetDiff.Kernels;

namespace MLNetDiff.Benchmarks;

/// <summary>SGEMM per implementation, shape and thread count, side by side in one run (issue 2 §6a).</summary>
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private KernelBackend? _backend;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.All()[0];

    [Params(GemmImplementation.Native, GemmImplementation.Managed, GemmImplementation.OpenBlas)]
    public GemmImplementation Implementation { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static IEnumerable<GemmShape> Shapes() => GemmShape.All();

    [GlobalSetup]
    public void Setup()
    {
        var (m, n, k) = (Shape.M, Shape.N, Shape.K);
        _a = Filled(m * k, 1);
        _b = Filled(k * n, 2);
        _c = new float[m * n];
        switch (Implementation)
        {
            case GemmImplementation.Native:
                _backend = (KernelBackends.Native ?? throw new InvalidOperationException(KernelBackends.NativeUnavailableReason))
                    .WithMaxThreads(Threads);
                break;
            case GemmImplementation.Managed:
                _backend = KernelBackends.Managed.WithMaxThreads(Threads);
                break;
            default:
                if (!OpenBlas.IsAvailable)
                    throw new InvalidOperationException("libopenblas.so.0 not found: run build/bench-setup.sh");
                OpenBlas.SetThreads(Threads);
                break;
        }
    }

    [Benchmark]
    public void Sgemm()
    {
        var s = Shape;
        int lda = s.TransA ? s.M : s.K;
        if (_backend is null)
            OpenBlas.Sgemm(s.TransA, false, s.M, s.N, s.K, 1f, _a, lda, _b, s.N, 0f, _c, s.N);
        else
            _backend.Gemm(s.TransA, false, s.M, s.N, s.K, 1f, _a, lda, _b, s.N, 0f, _c, s.N);
    }

    internal static float[] Filled(int length, ulong seed)
    {
        var data = new float[length];
        KernelBackends.Scalar.RandomUniform(seed, 0, data);
        return data;
    }
}

/// <summary>The GEMM implementations compared.</summary>
public enum GemmImplementation
{
    Native,
    Managed,
    OpenBlas,
}
