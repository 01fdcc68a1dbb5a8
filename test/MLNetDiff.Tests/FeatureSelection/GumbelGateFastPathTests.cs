using System;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>
/// The gate's speed paths (issue 8, "Speed") give the bits of the plain formulas: the gathered/interleaved logits equal
/// a one-feature-at-a-time double sum, and a backward that reuses its forward's mask equals one that recomputes it.
/// </summary>
[TestClass]
public sealed class GumbelGateFastPathTests
{
    [TestMethod]
    [DataRow(1, 3)]
    [DataRow(7, 32)]
    [DataRow(8, 32)]
    [DataRow(13, 5)]
    [DataRow(37, 32)]
    public void LogitsEqualTheScalarDoubleSumBitForBit(int d, int e)
    {
        var gate = new GumbelGate(d, GumbelGateTests.Normal(e, 11));
        float[] theta = GumbelGateTests.Normal(gate.ParameterCount, 12, scale: 3f);
        var logits = new float[d];
        gate.ComputeLogits(theta, logits);
        for (int i = 0; i < d; i++)
        {
            double sum = theta[d * e + i];
            for (int k = 0; k < e; k++)
                sum += (double)theta[i * e + k] * gate.Embedding[k];
            Assert.AreEqual(BitConverter.SingleToInt32Bits((float)sum), BitConverter.SingleToInt32Bits(logits[i]), $"logit {i}");
        }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void BackwardAfterItsForwardEqualsABackwardThatRecomputesTheMask(bool straightThrough)
    {
        const int d = 19, e = 8, rows = 5;
        float[] embedding = GumbelGateTests.Normal(e, 21);
        float[] theta = GumbelGateTests.Normal(d * (e + 1), 22, scale: 0.5f);
        float[] x = GumbelGateTests.Normal(rows * d, 23);
        float[] dy = GumbelGateTests.Normal(rows * d, 24);
        var context = new LayerContext(KernelBackends.Managed, training: true, noiseSeed: 5, step: 9);
        GumbelGate Make() => new(d, embedding) { Temperature = 0.7f, StraightThrough = straightThrough, Penalty = new GumbelPenalty(GumbelPenaltyMode.Raw, 0.3) };

        // Reused: forward then backward of the same step.
        GumbelGate paired = Make();
        var y = new float[rows * d];
        paired.Forward(context, rows, theta, x, y, default);
        var gPaired = new float[theta.Length];
        var dxPaired = new float[rows * d];
        paired.Backward(context, rows, theta, gPaired, x, y, (float[])dy.Clone(), dxPaired, default);

        // Recomputed: a fresh gate's backward, and a gate whose last forward was another step.
        GumbelGate fresh = Make();
        GumbelGate otherStep = Make();
        otherStep.Forward(new LayerContext(KernelBackends.Managed, training: true, noiseSeed: 5, step: 10), rows, theta, x, new float[rows * d], default);
        foreach (GumbelGate gate in new[] { fresh, otherStep })
        {
            var g = new float[theta.Length];
            var dx = new float[rows * d];
            gate.Backward(context, rows, theta, g, x, y, (float[])dy.Clone(), dx, default);
            CollectionAssert.AreEqual(gPaired, g, "parameter gradient");
            CollectionAssert.AreEqual(dxPaired, dx, "input gradient");
        }
        Assert.IsTrue(Array.Exists(gPaired, v => v != 0f), "the gradient is not trivially zero");
    }
}
