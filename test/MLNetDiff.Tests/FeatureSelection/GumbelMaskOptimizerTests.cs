using System;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Optimizers;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>
/// The implicit Adam of the mask network (<see cref="GumbelMaskOptimizer"/>) against the explicit form it replaces:
/// the engine's float Adam over W_m (D × E) and b_m, fed the gradients ∂L/∂W_m[i,j] = g_i·e_j and ∂L/∂b_i = g_i, with
/// the logits read back as W_m·e + b_m by the gate.
/// </summary>
[TestClass]
public sealed class GumbelMaskOptimizerTests
{
    [TestMethod]
    [DataRow(1e-2, 300)]  // task-sized gradients: the logits move far (tens)
    [DataRow(1e-6, 300)]  // selection-term-sized gradients (λ/D·m(1−m)/τ at D = 10,000): √v̂ is then near ε/|e_j|
    [DataRow(1e-8, 200)]  // below ε: the ε terms dominate the denominators
    public void LogitsMatchExplicitAdamOverTheEmbeddingParameters(double scale, int steps)
    {
        const int d = 37, e = 32;
        const float rate = 4e-3f;
        float[] embedding = GumbelGateTests.Normal(e, 31);
        embedding[5] = 0f; // a zero embedding value contributes nothing (and is skipped by the implicit form)
        embedding[6] = 1e-3f; // a tiny one has ε/|e_j| far above the others
        var gate = new GumbelGate(d, embedding);
        float[] bias = GumbelGateTests.Normal(d, 32, scale: 0.17f);
        var theta = new float[d * (e + 1)];
        bias.CopyTo(theta.AsSpan(d * e));
        var explicitAdam = new AdamOptimizer();
        var implicitAdam = new GumbelMaskOptimizer(bias, embedding);
        var random = new Random(33);
        var g = new double[d];
        var grad = new float[theta.Length];
        var explicitLogits = new float[d];
        var implicitLogits = new float[d];
        // Per feature a persistent sign bias plus noise, as training gradients have: some logits drift, some wander.
        var drift = new double[d];
        for (int i = 0; i < d; i++)
            drift[i] = (i % 3 - 1) * 0.7;
        double worst = 0;
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < d; i++)
            {
                // The explicit form sees float gradients: round g_i first so both forms see the same g_i.
                g[i] = (float)((drift[i] + (random.NextDouble() * 2 - 1)) * scale);
                grad[d * e + i] = (float)g[i];
                for (int j = 0; j < e; j++)
                    grad[i * e + j] = (float)(g[i] * embedding[j]);
            }
            explicitAdam.Update(KernelBackends.Scalar, theta, grad, rate);
            implicitAdam.Step(g, rate);
            gate.ComputeLogits(theta, explicitLogits);
            implicitAdam.CopyLogits(implicitLogits);
            for (int i = 0; i < d; i++)
            {
                double diff = Math.Abs(explicitLogits[i] - implicitLogits[i]);
                double allowed = 1e-5 * Math.Max(1, Math.Abs(explicitLogits[i]));
                worst = Math.Max(worst, diff / allowed);
                Assert.IsTrue(diff <= allowed,
                    $"step {s + 1}, feature {i}: explicit {explicitLogits[i]:R}, implicit {implicitLogits[i]:R}");
            }
        }
        float moved = 0;
        for (int i = 0; i < d; i++)
            moved = Math.Max(moved, Math.Abs(implicitLogits[i] - bias[i]));
        Assert.IsTrue(moved > 10 * rate, $"the logits moved (largest move {moved}), so the comparison is not trivial");
        Console.WriteLine($"scale {scale}: worst |Δ| / (1e-5·max(1, |w|)) = {worst:F3}, largest move {moved:F3}");
    }

    [TestMethod]
    public void StepFactorsVectorPathEqualsTheScalarLoopBitForBit()
    {
        float[] abs = Array.ConvertAll(GumbelGateTests.Normal(33, 41), MathF.Abs);
        float[] square = Array.ConvertAll(abs, v => v * v);
        for (int n = 0; n <= 41; n++)
        {
            float[] a = Array.ConvertAll(GumbelGateTests.Normal(n, (ulong)(42 + n)), v => MathF.Abs(v) * 1e-6f);
            float[] fast = (float[])a.Clone();
            GumbelMaskOptimizer.StepFactors(fast, abs, square, 1e-8f);
            for (int i = 0; i < n; i++)
            {
                float s = 0f;
                for (int c = 0; c < abs.Length; c++)
                    s += square[c] / (abs[c] * a[i] + 1e-8f);
                Assert.AreEqual(BitConverter.SingleToInt32Bits(s), BitConverter.SingleToInt32Bits(fast[i]), $"n = {n}, i = {i}");
            }
        }
    }

    [TestMethod]
    public void ShortGradientSpanIsRejectedNamingTheParameter()
    {
        var adam = new GumbelMaskOptimizer(new float[4], GumbelGateTests.Normal(3, 1));
        var error = Assert.ThrowsExactly<ArgumentException>(() => adam.Step(new double[3], 1e-3f));
        Assert.AreEqual("gradient", error.ParamName);
    }
}
