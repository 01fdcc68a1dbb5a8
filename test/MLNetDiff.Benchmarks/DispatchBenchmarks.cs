using System;
using BenchmarkDotNet.Attributes;
using MLNetDiff.Kernels;

namespace MLNetDiff.Benchmarks;

/// <summary>Per-call overhead of the kernel layer: validation + virtual dispatch (+ P/Invoke for native) on a
/// 4-element dot product whose arithmetic is negligible (target ≤ 0.1 µs per call).</summary>
public class DispatchBenchmarks
{
    private readonly float[] _x = [1, 2, 3, 4];
    private readonly float[] _y = [4, 3, 2, 1];
    private readonly float[] _out = new float[4];
    private KernelBackend _backend = KernelBackends.Managed;

    [Params(KernelBackendKind.Native, KernelBackendKind.Managed)]
    public KernelBackendKind Backend { get; set; }

    [GlobalSetup]
    public void Setup() => _backend = KernelBackends.Get(Backend);

    [Benchmark]
    public float Dot4() => _backend.Dot(_x, _y);

    [Benchmark]
    public void BiasRelu4()
    {
        ReadOnlySpan<float> bias = _y;
        _backend.BiasActivationForward(Activation.Relu, 0f, 1, 4, _x, bias, _out);
    }
}
