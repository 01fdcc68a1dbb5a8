using System.Runtime.CompilerServices;

namespace MLNetDiff.Kernels.Managed;

// The arguments of each fused kernel call, for the one dispatch point (SimdDispatch). Each struct only forwards to the
// SimdKernels method of the same name; pointers are pinned by the caller for the duration of the call.
internal sealed unsafe partial class ManagedBackend
{
    private readonly struct BiasActivationForwardKernel(Activation activation, float alpha, int rows, int cols,
        float* x, float* bias, float* y) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.BiasActivationForward(activation, alpha, rows, cols, x, bias, y);
    }

    private readonly struct BiasActivationBackwardKernel(Activation activation, float alpha, int rows, int cols,
        float* z, float* y, float* dy, float* dz, float* dbias) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.BiasActivationBackward(activation, alpha, rows, cols, z, y, dy, dz, dbias);
    }

    private readonly struct SoftmaxKernel(int rows, int cols, float* x, float* y) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.Softmax(rows, cols, x, y);
    }

    private readonly struct LogSoftmaxKernel(int rows, int cols, float* x, float* y) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.LogSoftmax(rows, cols, x, y);
    }

    private readonly struct LogSumExpKernel(int rows, int cols, float* x, float* destination) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.LogSumExp(rows, cols, x, destination);
    }

    private readonly struct SquaredDistancesKernel(int m, int n, int d, float* x, float* y, float* destination) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.SquaredDistancesDirect(m, n, d, x, y, destination);
    }

    private readonly struct AddNormsAndClampKernel(int n, float* row, float xNorm, float* yNorms) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.AddNormsAndClamp(n, row, xNorm, yNorms);
    }

    private readonly struct ColumnSumsKernel(int rows, int cols, float* x, float* destination) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.ColumnSums(rows, cols, x, destination);
    }

    private readonly struct AdamKernel(int n, float* w, float* g, float* m, float* v, AdamParameters p,
        float correction1, float correction2) : ISimdKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TVec, TSimd>() where TVec : unmanaged where TSimd : struct, ISimd<TVec>
            => SimdKernels<TVec, TSimd>.Adam(n, w, g, m, v, p.LearningRate, p.Beta1, p.Beta2, p.Epsilon, p.WeightDecay,
                p.Decoupled, correction1, correction2);
    }
}
