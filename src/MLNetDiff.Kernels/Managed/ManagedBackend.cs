using System;
using MLNetDiff.Kernels.Scalar;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Placeholder while the managed SIMD kernels are written: GEMM is ManagedGemm, the rest is scalar.</summary>
internal sealed class ManagedBackend : KernelBackend
{
    private readonly KernelBackend _scalar = new ScalarBackend();
    private int _maxThreads = Math.Min(2, Environment.ProcessorCount);

    public override KernelBackendKind Kind => KernelBackendKind.Managed;
    public override string Description => $"managed, {_maxThreads} thread(s)";
    public override int MaxThreads
    {
        get => _maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxThreads));
            _maxThreads = value;
        }
    }

    private protected override void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => ManagedGemm.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, _maxThreads);
    private protected override void BiasActivationForwardCore(Activation activation, float alpha, int rows, int cols, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
        => _scalar.BiasActivationForward(activation, alpha, rows, cols, x, bias, y);
    private protected override void BiasActivationBackwardCore(Activation activation, float alpha, int rows, int cols, ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
        => _scalar.BiasActivationBackward(activation, alpha, rows, cols, z, y, dy, dz, dbias);
    private protected override void SoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => _scalar.Softmax(rows, cols, x, y);
    private protected override void LogSoftmaxCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => _scalar.LogSoftmax(rows, cols, x, y);
    private protected override void LogSumExpCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination) => _scalar.LogSumExp(rows, cols, x, destination);
    private protected override void SquaredEuclideanDistancesCore(int m, int n, int d, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => _scalar.SquaredEuclideanDistances(m, n, d, x, y, destination);
    private protected override float SumCore(ReadOnlySpan<float> x) => _scalar.Sum(x);
    private protected override float SumOfSquaresCore(ReadOnlySpan<float> x) => _scalar.SumOfSquares(x);
    private protected override float DotCore(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => _scalar.Dot(x, y);
    private protected override float MaxCore(ReadOnlySpan<float> x) => _scalar.Max(x);
    private protected override float MinCore(ReadOnlySpan<float> x) => _scalar.Min(x);
    private protected override void ColumnSumsCore(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination) => _scalar.ColumnSums(rows, cols, x, destination);
    private protected override void AdamUpdateCore(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v, AdamParameters parameters) => _scalar.AdamUpdate(weights, gradients, m, v, parameters);
    private protected override void RandomCore(RandomDistribution distribution, ulong seed, ulong offset, Span<float> destination) => Philox.Fill(distribution, seed, offset, destination);
}
