using System;

namespace MLNetDiff.Kernels.Tests.Scalar;

/// <summary>The scalar reference itself against double-precision formulas (a subset of shapes): the other
/// backends are only as right as it is.</summary>
[TestClass]
public sealed class ScalarBackendTests
{
    private static KernelBackend Scalar => KernelBackends.Scalar;

    [TestMethod]
    public void Activations_MatchDoublePrecision()
    {
        float[] z = TestData.Uniform(2000, -8, 8, 1);
        foreach (Activation activation in BiasActivationTests.Activations)
        {
            float[] y = new float[z.Length];
            Scalar.BiasActivationForward(activation, BiasActivationTests.Alpha, 1, z.Length, z, [], y);
            var expected = new double[z.Length];
            for (int i = 0; i < z.Length; i++)
                expected[i] = Forward(activation, BiasActivationTests.Alpha, z[i]);
            NumericAssert.Close(expected, y, _ => Tolerance.ScalarVsDouble, $"scalar {activation} forward");

            float[] dy = TestData.Uniform(z.Length, -1, 1, 2);
            float[] dz = new float[z.Length];
            float[] dbias = new float[1];
            Scalar.BiasActivationBackward(activation, BiasActivationTests.Alpha, z.Length, 1, z, y, dy, dz, dbias);
            double biasSum = 0, biasMagnitude = 0;
            for (int i = 0; i < z.Length; i++)
            {
                // The derivative from y (sigmoid, tanh) is taken at the float y the forward pass produced.
                double derivative = activation is Activation.Sigmoid or Activation.Tanh
                    ? (activation == Activation.Sigmoid ? y[i] * (1.0 - y[i]) : 1.0 - (double)y[i] * y[i])
                    : Derivative(activation, BiasActivationTests.Alpha, z[i]);
                expected[i] = dy[i] * derivative;
                biasSum += expected[i];
                biasMagnitude += Math.Abs(expected[i]);
            }
            NumericAssert.Close(expected, dz, _ => Tolerance.ScalarVsDouble, $"scalar {activation} backward");
            NumericAssert.Close(biasSum, dbias[0], Tolerance.Sum(z.Length, biasMagnitude).Plus(new Tolerance(z.Length * 1e-6, 0)),
                $"scalar {activation} dbias");
        }
    }

    [TestMethod]
    public void ReluAndLeakyRelu_PropagateNaN()
    {
        Assert.IsTrue(float.IsNaN(ActivationMath.Forward(Activation.Relu, 0f, float.NaN)));
        Assert.IsTrue(float.IsNaN(ActivationMath.Forward(Activation.LeakyRelu, 0.1f, float.NaN)));
        Assert.AreEqual(0f, ActivationMath.Forward(Activation.Relu, 0f, -0f));
        Assert.AreEqual(0f, ActivationMath.Forward(Activation.Relu, 0f, float.NegativeInfinity));
        Assert.AreEqual(float.PositiveInfinity, ActivationMath.Forward(Activation.Relu, 0f, float.PositiveInfinity));
    }

    [TestMethod]
    public void RowKernels_MatchDoublePrecision()
    {
        foreach ((int rows, int cols) in new[] { (1, 1), (3, 17), (4, 257), (2, 1000) })
        {
            float[] x = TestData.Uniform(rows * cols, -8, 8, rows + cols);
            float[] softmax = new float[x.Length], logSoftmax = new float[x.Length], lse = new float[rows];
            Scalar.Softmax(rows, cols, x, softmax);
            Scalar.LogSoftmax(rows, cols, x, logSoftmax);
            Scalar.LogSumExp(rows, cols, x, lse);
            var expectedSoftmax = new double[x.Length];
            var expectedLog = new double[x.Length];
            var expectedLse = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < cols; c++)
                    max = Math.Max(max, x[r * cols + c]);
                double sum = 0;
                for (int c = 0; c < cols; c++)
                    sum += Math.Exp(x[r * cols + c] - max);
                expectedLse[r] = max + Math.Log(sum);
                for (int c = 0; c < cols; c++)
                {
                    expectedSoftmax[r * cols + c] = Math.Exp(x[r * cols + c] - max) / sum;
                    expectedLog[r * cols + c] = x[r * cols + c] - expectedLse[r];
                }
            }
            string shape = $"{rows}x{cols}";
            NumericAssert.Close(expectedSoftmax, softmax, _ => Tolerance.Softmax(cols), "scalar softmax " + shape);
            NumericAssert.Close(expectedLog, logSoftmax, _ => Tolerance.LogSumExp(cols), "scalar log-softmax " + shape);
            NumericAssert.Close(expectedLse, lse, _ => Tolerance.LogSumExp(cols), "scalar logsumexp " + shape);
        }
    }

    [TestMethod]
    public void Reductions_MatchDoublePrecision()
    {
        foreach (int n in new[] { 1, 17, 1000, 65537 })
        {
            float[] x = TestData.Uniform(n, -2, 2, n);
            float[] y = TestData.Uniform(n, -2, 2, n + 1);
            double sum = 0, absSum = 0, squares = 0, dot = 0, absDot = 0;
            for (int i = 0; i < n; i++)
            {
                sum += x[i];
                absSum += Math.Abs(x[i]);
                squares += (double)x[i] * x[i];
                dot += (double)x[i] * y[i];
                absDot += Math.Abs((double)x[i] * y[i]);
            }
            NumericAssert.Close(sum, Scalar.Sum(x), Tolerance.Sum(n, absSum), $"scalar sum n={n}");
            NumericAssert.Close(squares, Scalar.SumOfSquares(x), Tolerance.Sum(n + 2, squares), $"scalar sum of squares n={n}");
            NumericAssert.Close(dot, Scalar.Dot(x, y), Tolerance.Sum(n + 2, absDot), $"scalar dot n={n}");

            const int cols = 7;
            int rows = n / cols;
            float[] sums = new float[cols];
            Scalar.ColumnSums(rows, cols, x, sums);
            for (int c = 0; c < cols; c++)
            {
                double s = 0, magnitude = 0;
                for (int r = 0; r < rows; r++)
                {
                    s += x[r * cols + c];
                    magnitude += Math.Abs(x[r * cols + c]);
                }
                NumericAssert.Close(s, sums[c], Tolerance.Sum(rows, magnitude), $"scalar column sum {c} of {rows}x{cols}");
            }
        }
    }

    [TestMethod]
    public void Adam_MatchesDoublePrecision()
    {
        const int n = 500;
        foreach (AdamParameters p in AdamTests.Settings)
        {
            float[] w = TestData.Uniform(n, -1, 1, 1), g = TestData.Uniform(n, -1, 1, 2);
            float[] m = TestData.Uniform(n, -0.1f, 0.1f, 3), v = TestData.Uniform(n, 0, 0.01f, 4);
            var expectedW = new double[n];
            var expectedM = new double[n];
            var expectedV = new double[n];
            double c1 = 1 - Math.Pow(p.Beta1, p.Step), c2 = 1 - Math.Pow(p.Beta2, p.Step);
            for (int i = 0; i < n; i++)
            {
                double gi = p.Decoupled ? g[i] : g[i] + (double)p.WeightDecay * w[i];
                expectedM[i] = p.Beta1 * (double)m[i] + (1 - (double)p.Beta1) * gi;
                expectedV[i] = p.Beta2 * (double)v[i] + (1 - (double)p.Beta2) * gi * gi;
                double step = expectedM[i] / c1 / (Math.Sqrt(expectedV[i] / c2) + p.Epsilon);
                if (p.Decoupled)
                    step += p.WeightDecay * (double)w[i];
                expectedW[i] = w[i] - p.LearningRate * step;
            }
            Scalar.AdamUpdate(w, g, m, v, p);
            NumericAssert.Close(expectedM, m, _ => Tolerance.ScalarVsDouble, $"scalar adam m {p}");
            NumericAssert.Close(expectedV, v, _ => Tolerance.ScalarVsDouble, $"scalar adam v {p}");
            NumericAssert.Close(expectedW, w, _ => Tolerance.ScalarVsDouble, $"scalar adam w {p}");
        }
    }

    [TestMethod]
    public void GemmAndDistances_MatchDoublePrecision()
    {
        const int m = 13, n = 11, k = 37;
        float[] a = TestData.Uniform(m * k, -1, 1, 5), b = TestData.Uniform(k * n, -1, 1, 6);
        float[] c = new float[m * n];
        Scalar.Gemm(false, false, m, n, k, 1.5f, a, k, b, n, 0f, c, n);
        var expected = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    expected[i * n + j] += 1.5 * a[i * k + p] * b[p * n + j];
                    magnitude[i * n + j] += Math.Abs(1.5 * a[i * k + p] * b[p * n + j]);
                }
            }
        }
        NumericAssert.Close(expected, c, i => Tolerance.Gemm(k, magnitude[i], 0), "scalar gemm");

        float[] y = TestData.Uniform(n * k, -1, 1, 7);
        float[] distances = new float[m * n];
        Scalar.SquaredEuclideanDistances(m, n, k, a, y, distances);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    double diff = (double)a[i * k + p] - y[j * k + p];
                    s += diff * diff;
                }
                expected[i * n + j] = s;
            }
        }
        NumericAssert.Close(expected, distances, i => Tolerance.Sum(k + 2, expected[i]), "scalar distances");
    }

    private static double Forward(Activation activation, double alpha, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : alpha * z,
        Activation.Gelu => 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z))),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static double Derivative(Activation activation, double alpha, double z)
    {
        switch (activation)
        {
            case Activation.Identity:
                return 1;
            case Activation.Relu:
                return z > 0 ? 1 : 0;
            case Activation.LeakyRelu:
                return z > 0 ? 1 : alpha;
            case Activation.Gelu:
                double s = Math.Sqrt(2 / Math.PI);
                double t = Math.Tanh(s * (z + 0.044715 * z * z * z));
                return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * s * (1 + 3 * 0.044715 * z * z);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }
}
