using BenchmarkDotNet.Attributes;
using MLNetDiff.Kernels;

namespace MLNetDiff.Benchmarks;

/// <summary>Fused element-wise and row kernels at MLP sizes (batch 256): what the managed backend's per-width dispatch
/// runs. Used to check that one dispatch point costs nothing against per-kernel switches (docs/kernels.md).</summary>
public class ElementwiseBenchmarks
{
    private const int Rows = 256, Cols = 128;
    private float[] _x = [];
    private float[] _bias = [];
    private float[] _y = [];
    private float[] _dbias = [];
    private float[] _w = [];
    private float[] _m = [];
    private float[] _v = [];
    private KernelBackend _backend = KernelBackends.Managed;

    [Params(KernelBackendKind.Managed)]
    public KernelBackendKind Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _backend = KernelBackends.Get(Backend).WithMaxThreads(1);
        _x = GemmBenchmarks.Filled(Rows * Cols, 3);
        _bias = GemmBenchmarks.Filled(Cols, 4);
        _y = new float[Rows * Cols];
        _dbias = new float[Cols];
        _w = GemmBenchmarks.Filled(Rows * Cols, 5);
        _m = new float[Rows * Cols];
        _v = new float[Rows * Cols];
    }

    [Benchmark]
    public void BiasGeluForward() => _backend.BiasActivationForward(Activation.Gelu, 0f, Rows, Cols, _x, _bias, _y);

    [Benchmark]
    public void BiasReluBackward() => _backend.BiasActivationBackward(Activation.Relu, 0f, Rows, Cols, _x, _x, _x, _y, _dbias);

    [Benchmark]
    public void Softmax() => _backend.Softmax(Rows, Cols, _x, _y);

    [Benchmark]
    public void Adam() => _backend.AdamUpdate(_w, _x, _m, _v, new AdamParameters(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1));
}
