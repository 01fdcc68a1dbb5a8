using System;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Optimizers;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>
/// The fit's network (<see cref="GumbelTrainingNetwork"/>) against the layered form it replaces,
/// Sequential([GumbelGate, Linear(D, H, ReLU), Linear(H, H, ReLU), Linear(H, C)]) initialised as the fit initialised it
/// and trained with two engine Adam groups: the same draws (so the same forward bits on the first step), gradients
/// within rounding, and logits within tolerance after many steps.
/// </summary>
[TestClass]
public sealed class GumbelTrainingNetworkTests
{
    private const int D = 45, E = 32, H = 16, C = 2, Rows = 12;
    private const ulong InitSeed = 77, TaskSeed = 78, EmbeddingSeed = 79;

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void FirstStepMatchesTheLayeredForm(bool straightThrough)
    {
        KernelBackend backend = KernelBackends.Managed;
        (GumbelTrainingNetwork fast, Sequential layered, GumbelGate gate) = Pair(backend, straightThrough, tau: 1.3f);
        float[] x = GumbelGateTests.Normal(Rows * D, 81);
        float[] dOut = GumbelGateTests.Normal(Rows * C, 82, scale: 0.1f);

        float[] yFast = fast.Forward(x, Rows, step: 3).ToArray();
        float[] yLayered = layered.Forward(x, Rows, training: true, step: 3).ToArray();
        CollectionAssert.AreEqual(yLayered, yFast, "forward: the same draws and the same operations");
        Assert.AreEqual(gate.LastMeanMask, fast.LastMeanMask, "mean mask");

        fast.Backward(x, dOut, Rows);
        layered.Backward(x, dOut, Rows);
        // ∂L/∂w is the gradient of b_m (layer 0's last D values); ∂L/∂W1, ∂L/∂b1 and the tail's are layers 1-3.
        ReadOnlySpan<float> layeredBias = layered.GetLayerGradients(0).Slice(D * E, D);
        (double[] logitGradient, float[] firstGradient) = fast.Gradients();
        AssertClose(layeredBias, logitGradient, 1e-5, "∂L/∂w");
        AssertClose(layered.GetLayerGradients(1), firstGradient, 1e-5, "first layer");
        CollectionAssert.AreEqual(layered.Gradients.Slice(layered.GetParameterOffset(2)).ToArray(), fast.Tail.Gradients.ToArray(),
            "the tail runs the same engine layers on the same values");
        Assert.IsTrue(Array.Exists(logitGradient, v => v != 0), "the logit gradient is not trivially zero");
    }

    [TestMethod]
    public void LogitsStayWithinToleranceOfTheLayeredFormOverTraining()
    {
        KernelBackend backend = KernelBackends.Managed;
        (GumbelTrainingNetwork fast, Sequential layered, GumbelGate gate) = Pair(backend, straightThrough: false, tau: 2f);
        var penalty = new GumbelPenalty(GumbelPenaltyMode.Raw, 0.1);
        fast.Penalty = penalty;
        gate.Penalty = penalty;
        int maskCount = gate.ParameterCount;
        var maskAdam = new AdamOptimizer();
        var taskAdam = new AdamOptimizer();
        var loss = new SoftmaxCrossEntropyLoss();
        float[] x = GumbelGateTests.Normal(Rows * D, 91);
        var labels = new float[Rows];
        for (int r = 0; r < Rows; r++)
            labels[r] = x[r * D] + x[r * D + 1] > 0 ? 1 : 0; // features 0 and 1 carry the label
        var dFast = new float[Rows * C];
        var dLayered = new float[Rows * C];
        var fastLogits = new float[D];
        var layeredLogits = new float[D];
        const int steps = 300;
        for (int s = 0; s < steps; s++)
        {
            loss.Compute(backend, fast.Forward(x, Rows, s), labels, Rows, C, dFast);
            fast.Backward(x, dFast, Rows);
            fast.Update(4e-3f, 3e-4f);
            loss.Compute(backend, layered.Forward(x, Rows, training: true, s), labels, Rows, C, dLayered);
            layered.Backward(x, dLayered, Rows);
            maskAdam.Update(backend, layered.Parameters.Slice(0, maskCount), layered.Gradients.Slice(0, maskCount), 4e-3f);
            taskAdam.Update(backend, layered.Parameters.Slice(maskCount), layered.Gradients.Slice(maskCount), 3e-4f);
        }
        fast.CopyLogits(fastLogits);
        gate.ComputeLogits(layered.GetLayerParameters(0), layeredLogits);
        double largest = 0, worst = 0;
        for (int i = 0; i < D; i++)
        {
            double allowed = 1e-3 * Math.Max(1, Math.Abs(layeredLogits[i]));
            largest = Math.Max(largest, Math.Abs(layeredLogits[i]));
            worst = Math.Max(worst, Math.Abs(layeredLogits[i] - fastLogits[i]) / allowed);
            Assert.AreEqual(layeredLogits[i], fastLogits[i], allowed, $"logit {i}");
        }
        Assert.IsTrue(largest > 1, $"the logits moved (largest |w| = {largest}), so the comparison is not trivial");
        Console.WriteLine($"worst |Δw| / (1e-3·max(1, |w|)) = {worst:F4}, largest |w| = {largest:F2}");
    }

    [TestMethod]
    public void BackwardWithAnotherRowCountThanTheForwardAndUpdateWithoutBackwardAreRejected()
    {
        (GumbelTrainingNetwork fast, _, _) = Pair(KernelBackends.Managed, false, 1f);
        float[] x = GumbelGateTests.Normal(Rows * D, 1);
        fast.Forward(x, Rows, 0);
        Assert.ThrowsExactly<InvalidOperationException>(() => fast.Backward(x, new float[(Rows - 1) * C], Rows - 1));
        Assert.ThrowsExactly<InvalidOperationException>(() => fast.Update(1e-3f, 1e-3f));
        fast.Backward(x, new float[Rows * C], Rows);
        fast.Update(1e-3f, 1e-3f);
        Assert.ThrowsExactly<InvalidOperationException>(() => fast.Update(1e-3f, 1e-3f), "one update per backward");
    }

    [TestMethod]
    public void FusedFirstLayerAdamMatchesTheEngineAdamOnTheMaskedGradient()
    {
        const int d = 23, h = 13, steps = 300;
        float[] weights = GumbelGateTests.Normal(d * h, 51, scale: 0.2f);
        float[] reference = (float[])weights.Clone();
        float[] mask = Array.ConvertAll(GumbelGateTests.Normal(d, 52), v => 1f / (1f + MathF.Exp(-3 * v)));
        var fused = new GumbelFirstLayerAdam(d * h);
        var engine = new AdamOptimizer();
        var dmFused = new double[d];
        var dmReference = new double[d];
        double worst = 0;
        for (int s = 0; s < steps; s++)
        {
            float[] g = GumbelGateTests.Normal(d * h, (ulong)(1000 + s), scale: 0.05f);
            for (int j = 0; j < g.Length; j++)
                g[j] += 0.03f * ((j % 5) - 2); // a persistent direction per weight, so the weights travel
            float[] scaled = (float[])g.Clone();
            float[] before = (float[])reference.Clone();
            GumbelGateArithmetic.MaskGradientAndScale(reference, scaled, mask, h, dmReference);
            fused.Step(weights, g, mask, h, dmFused, 3e-3f);
            engine.Update(KernelBackends.Scalar, reference, scaled, 3e-3f);
            for (int i = 0; i < d; i++)
            {
                // The same weights give the same sums (first step: bit for bit); later the weights differ by the
                // updates' roundings, so the sums agree relative to the size of their terms.
                double terms = 0;
                for (int k = 0; k < h; k++)
                    terms += Math.Abs((double)before[i * h + k] * g[i * h + k]);
                Assert.AreEqual(dmReference[i], dmFused[i], s == 0 ? 0 : 1e-5 * terms, $"step {s}, ∂L/∂m {i}");
            }
            for (int j = 0; j < weights.Length; j++)
            {
                double allowed = 1e-5 * Math.Max(1, Math.Abs(reference[j]));
                worst = Math.Max(worst, Math.Abs(reference[j] - weights[j]) / allowed);
                Assert.AreEqual(reference[j], weights[j], allowed, $"step {s}, weight {j}");
            }
        }
        Console.WriteLine($"worst |Δ| / (1e-5·max(1, |w|)) = {worst:F3}");
    }

    private static (GumbelTrainingNetwork Fast, Sequential Layered, GumbelGate Gate) Pair(KernelBackend backend,
        bool straightThrough, float tau)
    {
        GumbelGate gate = GumbelGate.Create(D, E, GumbelNoiseKind.SingleGumbel, EmbeddingSeed, backend);
        gate.Temperature = tau;
        gate.StraightThrough = straightThrough;
        gate.Penalty = new GumbelPenalty(GumbelPenaltyMode.Raw, 0.3);
        var layered = new Sequential([gate, new Linear(D, H, Activation.Relu), new Linear(H, H, Activation.Relu), new Linear(H, C)], backend);
        layered.Initialize(InitSeed);
        // The layered fit's task initialisation: U(±1/√fan_in) from Philox stream Mix(TaskSeed, layer index).
        for (int l = 1; l < layered.Layers.Count; l++)
        {
            Span<float> p = layered.GetLayerParameters(l);
            backend.RandomUniform(GumbelTrainingNetwork.Mix(TaskSeed, (ulong)l), 0, p);
            float bound = 1f / MathF.Sqrt(layered.Layers[l].InputSize);
            for (int i = 0; i < p.Length; i++)
                p[i] = (2f * p[i] - 1f) * bound;
        }
        var fast = new GumbelTrainingNetwork(gate, H, C, backend, InitSeed, TaskSeed)
        {
            Temperature = tau,
            StraightThrough = straightThrough,
            Penalty = gate.Penalty,
        };
        return (fast, layered, gate);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        double scale = 0;
        foreach (float v in expected)
            scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], relative * scale, $"{what} [{i}]");
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<double> actual, double relative, string what)
    {
        var widened = new float[actual.Length];
        for (int i = 0; i < actual.Length; i++)
            widened[i] = (float)actual[i];
        AssertClose(expected, widened, relative, what);
    }
}
