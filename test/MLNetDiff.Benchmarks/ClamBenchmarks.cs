using System;
using BenchmarkDotNet.Attributes;
using MLNetDiff.Clustering.Clam;
using MLNetDiff.Kernels;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// One ClAM training batch (forward T = 10 steps with a 0.2 mask + loss + BPTT, specs/clustering.md B3) and one
/// inference batch (T unmasked steps + the B×K Score block), batch 32, float, on the managed and native backends.
/// The work is O(B·T·K·d): five B×K×d GEMM-shaped blocks per step (distances, ρ̄ forward; H ρᵀ, SᵀH + WᵀV, Wρ backward).
/// </summary>
public class ClamBenchmarks
{
    private const int Batch = 32, Steps = 10;
    private ClamDynamics<float> _dynamics = null!;
    private float[] _prototypes = [], _x = [], _v0 = [], _mask = [], _gradient = [], _scores = [];

    [Params(3, 10)]
    public int Clusters { get; set; }

    [Params(16, 256)]
    public int Dimension { get; set; }

    [Params(KernelBackendKind.Managed, KernelBackendKind.Native)]
    public KernelBackendKind Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        KernelBackend backend = Backend == KernelBackendKind.Native
            ? KernelBackends.Native ?? throw new InvalidOperationException("The native backend is unavailable: " + KernelBackends.NativeUnavailableReason)
            : KernelBackends.Managed;
        backend = backend.WithMaxThreads(1);
        int d = Dimension, k = Clusters;
        var random = new Random(1);
        _prototypes = new float[k * d];
        _x = new float[Batch * d];
        _mask = new float[Batch * d];
        for (int i = 0; i < _prototypes.Length; i++)
            _prototypes[i] = (float)(random.NextDouble() * 2 - 1);
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (float)(random.NextDouble() * 2 - 1);
            _mask[i] = random.NextDouble() < 0.2 ? 1 : 0;
        }
        _v0 = (float[])_x.Clone();
        for (int i = 0; i < _v0.Length; i++)
        {
            if (_mask[i] != 0)
                _v0[i] = 0;
        }
        _gradient = new float[k * d];
        _scores = new float[Batch * k];
        _dynamics = new ClamDynamics<float>(k, d, Steps, 1.5, 0.1, Batch, backend);
    }

    [Benchmark]
    public double TrainingBatch()
    {
        _dynamics.Forward(_prototypes, _v0, _mask, Batch);
        double loss = _dynamics.Loss(_x, default);
        _dynamics.Backward(_prototypes, _gradient);
        return loss;
    }

    [Benchmark]
    public float ScoreBatch()
    {
        _dynamics.Score(_prototypes, _x, Batch, _scores);
        return _scores[0];
    }
}
