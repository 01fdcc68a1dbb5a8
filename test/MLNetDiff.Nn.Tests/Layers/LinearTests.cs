using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Layers;

[TestClass]
public sealed class LinearTests
{
    public static Activation[] AllActivations =>
        [Activation.Identity, Activation.Relu, Activation.LeakyRelu, Activation.Gelu, Activation.Sigmoid, Activation.Tanh];

    public static System.Collections.Generic.IEnumerable<object[]> Cases()
    {
        foreach (Activation activation in AllActivations)
        {
            foreach (bool bias in new[] { true, false })
            {
                foreach (string backend in new[] { "managed", "scalar" })
                {
                    yield return [activation, bias, 4, backend];   // GEMM path
                    yield return [activation, bias, 1, backend];   // single-output path (row dots, GEMV, outer product)
                }
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(Activation activation, bool bias, int outputs, string backend)
    {
        var layer = new Linear(5, outputs, activation, bias, activationAlpha: 0.1f);
        float[] input = TestArrays.Normal(3 * 5, 11);
        float[] parameters = TestArrays.Normal(layer.ParameterCount, 12, 0.5f);
        GradientCheckResult result = GradientChecker.CheckLayer(layer, input, 3, parameters,
            backend: KernelBackends.Get(KernelBackends.Parse(backend)));
        Assert.IsTrue(result.Passed, result.ToString());
        Assert.AreEqual(layer.ParameterCount + input.Length, result.Checked);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ForwardMatchesDefinition(Activation activation, bool bias, int outputs, string backendName)
    {
        KernelBackend backend = KernelBackends.Get(KernelBackends.Parse(backendName));
        const int rows = 4, inputs = 3;
        var layer = new Linear(inputs, outputs, activation, bias, activationAlpha: 0.1f);
        float[] p = TestArrays.Normal(layer.ParameterCount, 3);
        float[] x = TestArrays.Normal(rows * inputs, 4);
        float[] y = new float[rows * outputs];
        layer.Forward(new LayerContext(backend, false, 0, 0), rows, p, x, y, new float[rows * layer.ScratchSizePerRow]);
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double z = bias ? p[inputs * outputs + o] : 0;
                for (int i = 0; i < inputs; i++)
                    z += x[r * inputs + i] * p[i * outputs + o];
                double expected = activation switch
                {
                    Activation.Identity => z,
                    Activation.Relu => Math.Max(z, 0),
                    Activation.LeakyRelu => z > 0 ? z : 0.1 * z,
                    Activation.Gelu => 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z))),
                    Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                    _ => Math.Tanh(z),
                };
                Assert.AreEqual(expected, y[r * outputs + o], 1e-5 + 1e-5 * Math.Abs(expected));
            }
        }
    }

    [TestMethod]
    public void ParameterCountAndLayout()
    {
        var layer = new Linear(7, 3);
        Assert.AreEqual(21, layer.WeightCount);
        Assert.AreEqual(24, layer.ParameterCount);
        Assert.AreEqual(21, new Linear(7, 3, hasBias: false).ParameterCount);
    }

    [TestMethod]
    public void NegativeLeakySlopeIsRejected() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Linear(2, 2, Activation.LeakyRelu, activationAlpha: -0.5f));
}
