using System;

namespace MLNetDiff.Kernels.Scalar;

/// <summary>
/// The scalar reference of every kernel: plain loops, one element at a time, in the order a reader expects. It is the
/// default body of each <c>KernelBackend.…Core</c> method, so <see cref="ScalarBackend"/> is this code, and a new kernel
/// runs on every backend as soon as its reference exists (docs/kernels.md); the managed and native backends override
/// it with their own code. Arguments were validated by <see cref="KernelBackend"/>; sizes are non-trivial.
/// </summary>
internal static class ScalarKernels
{
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                ref float cij = ref c[i * ldc + j];
                cij = beta == 0f ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }

    public static void BiasActivationForward(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int col = 0; col < cols; col++)
            {
                int i = r * cols + col;
                float z = bias.IsEmpty ? x[i] : x[i] + bias[col];
                y[i] = ActivationMath.Forward(activation, alpha, z);
            }
        }
    }

    public static void BiasActivationBackward(Activation activation, float alpha, int rows, int cols,
        ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, Span<float> dbias)
    {
        for (int i = 0; i < rows * cols; i++)
        {
            float zi = z.IsEmpty ? 0f : z[i];
            float yi = y.IsEmpty ? 0f : y[i];
            dz[i] = dy[i] * ActivationMath.Derivative(activation, alpha, zi, yi);
        }
        if (!dbias.IsEmpty)
            ColumnSums(rows, cols, dz, dbias);
    }

    public static void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * cols, cols);
            Span<float> yr = y.Slice(r * cols, cols);
            float max = Max(xr);
            float sum = 0f;
            for (int c = 0; c < cols; c++)
            {
                yr[c] = MathF.Exp(xr[c] - max);
                sum += yr[c];
            }
            float inv = 1f / sum;
            for (int c = 0; c < cols; c++)
                yr[c] *= inv;
        }
    }

    public static void LogSoftmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
        {
            float lse = RowLogSumExp(x.Slice(r * cols, cols));
            for (int c = 0; c < cols; c++)
                y[r * cols + c] = x[r * cols + c] - lse;
        }
    }

    public static void LogSumExp(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        for (int r = 0; r < rows; r++)
            destination[r] = RowLogSumExp(x.Slice(r * cols, cols));
    }

    private static float RowLogSumExp(ReadOnlySpan<float> row)
    {
        float max = Max(row);
        if (float.IsInfinity(max) || float.IsNaN(max))
            return max;
        float sum = 0f;
        foreach (float v in row)
            sum += MathF.Exp(v - max);
        return max + MathF.Log(sum);
    }

    public static void SquaredEuclideanDistances(int m, int n, int d, ReadOnlySpan<float> x,
        ReadOnlySpan<float> y, Span<float> destination)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < d; p++)
                {
                    float diff = x[i * d + p] - y[j * d + p];
                    sum += diff * diff;
                }
                destination[i * n + j] = sum;
            }
        }
    }

    public static float Sum(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        foreach (float v in x)
            sum += v;
        return sum;
    }

    public static float SumOfSquares(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        foreach (float v in x)
            sum += v * v;
        return sum;
    }

    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
            sum += x[i] * y[i];
        return sum;
    }

    public static float Max(ReadOnlySpan<float> x)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x)
        {
            if (float.IsNaN(v))
                return float.NaN;
            if (v > max)
                max = v;
        }
        return max;
    }

    public static float Min(ReadOnlySpan<float> x)
    {
        float min = float.PositiveInfinity;
        foreach (float v in x)
        {
            if (float.IsNaN(v))
                return float.NaN;
            if (v < min)
                min = v;
        }
        return min;
    }

    public static void ColumnSums(int rows, int cols, ReadOnlySpan<float> x, Span<float> destination)
    {
        destination.Slice(0, cols).Clear();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
                destination[c] += x[r * cols + c];
        }
    }

    public static void AdamUpdate(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> m,
        Span<float> v, AdamParameters p)
    {
        float correction1 = 1f - MathF.Pow(p.Beta1, p.Step);
        float correction2 = 1f - MathF.Pow(p.Beta2, p.Step);
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            float g = p.Decoupled ? gradients[i] : gradients[i] + p.WeightDecay * w;
            m[i] = p.Beta1 * m[i] + (1f - p.Beta1) * g;
            v[i] = p.Beta2 * v[i] + (1f - p.Beta2) * g * g;
            float step = (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + p.Epsilon);
            if (p.Decoupled)
                step += p.WeightDecay * w;
            weights[i] = w - p.LearningRate * step;
        }
    }
}
