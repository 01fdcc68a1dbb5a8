using System;
using System.IO;
using System.Linq;
using System.Threading;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Serialization;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>The Gumbel gate layer against the math of specs/gfsnetwork.md §2.2-2.6 and its test vectors T1-T3.</summary>
[TestClass]
public sealed class GumbelGateTests
{
    private const ulong NoiseSeed = 77;
    private const long Step = 5;

    [TestMethod]
    [DataRow(GumbelPenaltyMode.Raw, GumbelNoiseKind.SingleGumbel)]
    [DataRow(GumbelPenaltyMode.Target, GumbelNoiseKind.SingleGumbel)]
    [DataRow(GumbelPenaltyMode.Raw, GumbelNoiseKind.Logistic)]
    public void T1_AnalyticGradientMatchesDoublePrecisionFiniteDifferences(GumbelPenaltyMode mode, GumbelNoiseKind noise)
    {
        // f(θ, x) = Σ R ⊙ (x ⊙ m) + λ·pen(mean m), m = σ((w + g)/τ), τ = 1, g fixed by (seed, step); spec T1.
        const int d = 6, e = 4, rows = 3;
        const double lambda = 0.7;
        var gate = new GumbelGate(d, Normal(e, 1), noise) { Temperature = 1f, Penalty = new GumbelPenalty(mode, lambda) };
        float[] theta = Normal(gate.ParameterCount, 2, scale: 0.4f);
        float[] x = Normal(rows * d, 3);
        float[] weights = Normal(rows * d, 4);
        var g = new float[d];
        gate.DrawNoise(KernelBackends.Scalar, NoiseSeed, Step, g);

        var context = new LayerContext(KernelBackends.Scalar, training: true, NoiseSeed, Step);
        var output = new float[rows * d];
        gate.Forward(context, rows, theta, x, output, default);
        var dTheta = new float[theta.Length];
        var dx = new float[rows * d];
        gate.Backward(context, rows, theta, dTheta, x, output, (float[])weights.Clone(), dx, default);

        double[] thetaD = Array.ConvertAll(theta, v => (double)v);
        double[] xD = Array.ConvertAll(x, v => (double)v);
        double Objective() => ObjectiveInDouble(gate, thetaD, xD, weights, g, rows, lambda, mode);
        const double h = 1e-6;
        double worst = 0;
        for (int p = 0; p < thetaD.Length; p++)
            worst = Math.Max(worst, RelativeError(dTheta[p], Central(thetaD, p, h, Objective)));
        for (int p = 0; p < xD.Length; p++)
            worst = Math.Max(worst, RelativeError(dx[p], Central(xD, p, h, Objective)));
        // The analytic side is float32 (the layer's buffers): its rounding, not the formula, sets the floor.
        Assert.IsLessThan(1e-5, worst, $"worst relative error {worst:E2}");
    }

    [TestMethod]
    public void EngineGradientCheckerPassesOnTheLayerAndInsideANetwork()
    {
        var gate = new GumbelGate(5, Normal(3, 5)) { Temperature = 1.5f };
        GradientCheckResult layer = GradientChecker.CheckLayer(gate, Normal(4 * 5, 6), 4, Normal(gate.ParameterCount, 7, 0.5f));
        Assert.IsTrue(layer.Passed, layer.ToString());
        Assert.AreEqual(gate.ParameterCount + 4 * 5, layer.Checked);
    }

    [TestMethod]
    [DataRow(GumbelNoiseKind.SingleGumbel)]
    [DataRow(GumbelNoiseKind.Logistic)]
    public void T2_HardSampleFrequencyMatchesTheSelectionProbability(GumbelNoiseKind kind)
    {
        // Three features with logits −2, 0, 2 (W_m = 0, b = w); 10^5 steps = 10^5 independent noise vectors.
        var gate = new GumbelGate(3, [1f], kind);
        float[] logits = [-2f, 0f, 2f];
        var noise = new float[3];
        var kept = new int[3];
        const int draws = 100_000;
        for (int s = 0; s < draws; s++)
        {
            gate.DrawNoise(KernelBackends.Managed, 123, s, noise);
            for (int i = 0; i < 3; i++)
                kept[i] += logits[i] + noise[i] > 0 ? 1 : 0;
        }
        for (int i = 0; i < 3; i++)
        {
            double expected = kind == GumbelNoiseKind.Logistic
                ? 1 / (1 + Math.Exp(-logits[i]))
                : 1 - Math.Exp(-Math.Exp(logits[i]));
            Assert.AreEqual(expected, GumbelGate.SelectionProbability(logits[i], kind), 1e-12);
            Assert.AreEqual(expected, (double)kept[i] / draws, 0.01, $"logit {logits[i]}");
        }
        // The two kinds differ where the spec says they do: single Gumbel keeps w = 0 with 1 − 1/e, not 1/2.
        Assert.AreEqual(1 - Math.Exp(-1), GumbelGate.SelectionProbability(0, GumbelNoiseKind.SingleGumbel), 1e-15);
    }

    [TestMethod]
    public void T3_TemperatureScheduleIsExponential()
    {
        foreach (int epoch in new[] { 0, 1, 2, 200, 300 })
            Assert.AreEqual(2 * Math.Pow(0.997, epoch), GumbelTemperature.At(epoch), 1e-9, $"epoch {epoch}");
        Assert.AreEqual(1.097, GumbelTemperature.At(200), 1e-3, "spec §2.6: epoch 200 → τ ≈ 1.097");
        Assert.AreEqual(GumbelGate.MinimumTemperature, GumbelTemperature.At(100_000), 1e-9, "clamped, never 0");
    }

    [TestMethod]
    public void OneMaskPerBatchSharedByEveryRowAndFreshPerStep()
    {
        const int d = 8, rows = 4;
        var gate = new GumbelGate(d, Normal(4, 8));
        float[] theta = Normal(gate.ParameterCount, 9, 0.3f);
        var x = new float[rows * d];
        x.AsSpan().Fill(1f);
        var a = new float[rows * d];
        var b = new float[rows * d];
        gate.Forward(new LayerContext(KernelBackends.Managed, true, NoiseSeed, 1), rows, theta, x, a, default);
        for (int r = 1; r < rows; r++)
            CollectionAssert.AreEqual(a.AsSpan(0, d).ToArray(), a.AsSpan(r * d, d).ToArray(), $"row {r}");
        gate.Forward(new LayerContext(KernelBackends.Managed, true, NoiseSeed, 2), rows, theta, x, b, default);
        CollectionAssert.AreNotEqual(a, b, "another step draws another mask");
        // A shard (row offset) of the same step sees the same mask.
        var shard = new float[d];
        gate.Forward(new LayerContext(KernelBackends.Managed, true, NoiseSeed, 1, rowOffset: 3), 1, theta, x, shard, default);
        CollectionAssert.AreEqual(a.AsSpan(0, d).ToArray(), shard);
    }

    [TestMethod]
    public void NoiseIsBitIdenticalOnEveryBackend()
    {
        var gate = new GumbelGate(37, [1f, 2f]);
        var reference = new float[37];
        gate.DrawNoise(KernelBackends.Scalar, 42, 11, reference);
        foreach (KernelBackend? backend in new[] { KernelBackends.Managed, KernelBackends.Native })
        {
            if (backend is null)
                continue; // the native library is optional on a machine without it; Managed still runs.
            var noise = new float[37];
            gate.DrawNoise(backend, 42, 11, noise);
            CollectionAssert.AreEqual(reference, noise, backend.ToString());
        }
    }

    [TestMethod]
    public void StraightThroughIsHardForwardAndSoftBackward()
    {
        const int d = 10, rows = 3;
        float[] theta = Normal(d * 5, 10, 0.5f);
        float[] x = Normal(rows * d, 11);
        float[] dy = Normal(rows * d, 12);
        var context = new LayerContext(KernelBackends.Scalar, true, NoiseSeed, Step);
        var soft = new GumbelGate(d, Normal(4, 13)) { Temperature = 0.8f };
        var hard = new GumbelGate(d, soft.Embedding) { Temperature = 0.8f, StraightThrough = true };

        var y = new float[rows * d];
        hard.Forward(context, rows, theta, x, y, default);
        var w = new float[d];
        var g = new float[d];
        hard.ComputeLogits(theta, w);
        hard.DrawNoise(KernelBackends.Scalar, NoiseSeed, Step, g);
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
                Assert.AreEqual(w[i] + g[i] > 0 ? x[r * d + i] : 0f, y[r * d + i], $"row {r}, feature {i}");
        }

        var softGrad = new float[theta.Length];
        var hardGrad = new float[theta.Length];
        var softDx = new float[rows * d];
        var hardDx = new float[rows * d];
        soft.Forward(context, rows, theta, x, new float[rows * d], default);
        soft.Backward(context, rows, theta, softGrad, x, y, (float[])dy.Clone(), softDx, default);
        hard.Backward(context, rows, theta, hardGrad, x, y, (float[])dy.Clone(), hardDx, default);
        CollectionAssert.AreEqual(softGrad, hardGrad, "the STE backward is the soft backward");
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
                Assert.AreEqual(w[i] + g[i] > 0 ? dy[r * d + i] : 0f, hardDx[r * d + i], "∂L/∂x uses the forward (hard) mask");
        }
    }

    [TestMethod]
    public void InferenceIsTheDeterministicRule()
    {
        const int d = 7;
        var gate = new GumbelGate(d, [1f]);
        float[] theta = [0, 0, 0, 0, 0, 0, 0, 0.3f, -0.1f, 2f, -3f, 0.01f, -0.01f, 0f];
        float[] x = [1, 2, 3, 4, 5, 6, 7];
        var y = new float[d];
        gate.Forward(new LayerContext(KernelBackends.Scalar, false, NoiseSeed, 0), 1, theta, x, y, default);
        CollectionAssert.AreEqual(new float[] { 1, 0, 3, 0, 5, 0, 0 }, y, "keep exactly w > 0");
    }

    [TestMethod]
    public void InitialisationIsZeroWeightsAndSmallUniformBiases()
    {
        var gate = GumbelGate.Create(200, 32, GumbelNoiseKind.SingleGumbel, seed: 3);
        var theta = new float[gate.ParameterCount];
        gate.InitializeParameters(theta, KernelBackends.Scalar, 4);
        Assert.IsTrue(theta.AsSpan(0, 200 * 32).IndexOfAnyExcept(0f) < 0, "W_m starts at zero");
        float bound = 1f / MathF.Sqrt(32);
        float min = float.MaxValue, max = float.MinValue;
        foreach (float b in theta.AsSpan(200 * 32))
        {
            min = Math.Min(min, b);
            max = Math.Max(max, b);
        }
        Assert.IsTrue(min >= -bound && max <= bound && min < -bound / 2 && max > bound / 2, $"biases in [{min}, {max}]");
    }

    [TestMethod]
    public void RoundTripsThroughTheNetworkFormatAsARegisteredKind()
    {
        GumbelGateKind.EnsureRegistered();
        GumbelGateKind.EnsureRegistered();
        var network = new Sequential([GumbelGate.Create(6, 4, GumbelNoiseKind.Logistic, 5), new Linear(6, 2)]);
        network.Initialize(8);
        Normal(network.ParameterCount, 9).CopyTo(network.Parameters);
        using var stream = new MemoryStream();
        NetworkSerializer.Save(network, stream);
        Sequential loaded = NetworkSerializer.Load(new MemoryStream(stream.ToArray()));
        var gate = (GumbelGate)loaded.Layers[0];
        Assert.AreEqual(GumbelNoiseKind.Logistic, gate.NoiseKind);
        CollectionAssert.AreEqual(((GumbelGate)network.Layers[0]).Embedding.ToArray(), gate.Embedding.ToArray());
        CollectionAssert.AreEqual(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        float[] x = Normal(3 * 6, 10);
        var expected = new float[6];
        var actual = new float[6];
        network.Predict(x, 3, expected);
        loaded.Predict(x, 3, actual);
        CollectionAssert.AreEqual(expected, actual);
    }

    /// <summary>ML.NET scores one model from several cursors at once, each with its own workspace: the gate's inference
    /// must keep no state of its own (a shared mask buffer once made an ONNX parity test fail now and then).</summary>
    [TestMethod]
    public void InferenceFromManyThreadsAtOnce_GivesTheSerialResults()
    {
        const int d = 1024, threads = 4, rounds = 1000;
        var network = new Sequential([GumbelGate.Create(d, 8, GumbelNoiseKind.SingleGumbel, 2), new Linear(d, 1)]);
        network.Initialize(4);
        Span<float> bias = network.GetLayerParameters(0).Slice(d * 8);
        for (int i = 0; i < d; i++)
            bias[i] = i % 2 == 0 ? -1f : 1f; // half the features kept
        float[][] inputs = Enumerable.Range(0, threads).Select(t => Normal(d, (ulong)(100 + t))).ToArray();
        float[][] expected = inputs.Select(x =>
        {
            var y = new float[1];
            network.Predict(x, 1, y, network.CreateWorkspace(1));
            return y;
        }).ToArray();
        using var start = new Barrier(threads);
        int[] mismatches = new int[threads];
        System.Threading.Tasks.Parallel.For(0, threads, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            NetworkWorkspace workspace = network.CreateWorkspace(1);
            var y = new float[1];
            start.SignalAndWait();
            for (int r = 0; r < rounds; r++)
            {
                network.Predict(inputs[t], 1, y, workspace);
                if (y[0] != expected[t][0])
                    mismatches[t]++;
            }
        });
        CollectionAssert.AreEqual(new int[threads], mismatches, "rounds whose score differed from the serial one, per thread");
    }

    [TestMethod]
    public void BadArgumentsAreNamed()
    {
        Assert.AreEqual("embedding", Assert.ThrowsExactly<ArgumentException>(() => new GumbelGate(3, [])).ParamName);
        Assert.AreEqual("embedding", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GumbelGate(3, [float.NaN])).ParamName);
        var gate = new GumbelGate(3, [1f]);
        Assert.AreEqual("value", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => gate.Temperature = 0f).ParamName);
        Assert.AreEqual("balance", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GumbelPenalty(GumbelPenaltyMode.Raw, -1)).ParamName);
        gate.Temperature = 1e-9f;
        Assert.AreEqual(GumbelGate.MinimumTemperature, gate.Temperature, "clamped (spec §6)");
    }

    [TestMethod]
    public void PenaltyModesFollowTheSpec()
    {
        var raw = new GumbelPenalty(GumbelPenaltyMode.Raw, 0.5);
        Assert.AreEqual(0.5 * 0.3, raw.Value(0.3, 10), 1e-15);
        Assert.AreEqual(0.5 / 10, raw.MaskGradient(0.3, 10), 1e-15);
        var target = new GumbelPenalty(GumbelPenaltyMode.Target, 0.5);
        Assert.AreEqual(0.5 * (0.3 - 0.2) * (0.3 - 0.2), target.Value(0.3, 10), 1e-15);
        Assert.AreEqual(2 * 0.5 * (0.3 - 0.2) / 10, target.MaskGradient(0.3, 10), 1e-15);
        var auto = new GumbelPenalty(GumbelPenaltyMode.Auto, 1);
        Assert.AreEqual(GumbelPenaltyMode.Target, auto.EffectiveMode(10_000));
        Assert.AreEqual(GumbelPenaltyMode.Raw, auto.EffectiveMode(10_001));
    }

    private static double ObjectiveInDouble(GumbelGate gate, double[] theta, double[] x, float[] weights, float[] g,
        int rows, double lambda, GumbelPenaltyMode mode)
    {
        int d = gate.FeatureCount, e = gate.EmbeddingSize;
        ReadOnlySpan<float> embedding = gate.Embedding;
        double tau = gate.Temperature, f = 0, meanMask = 0;
        var m = new double[d];
        for (int i = 0; i < d; i++)
        {
            double w = theta[d * e + i];
            for (int k = 0; k < e; k++)
                w += theta[i * e + k] * embedding[k];
            m[i] = 1 / (1 + Math.Exp(-(w + g[i]) / tau));
            meanMask += m[i] / d;
        }
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
                f += weights[r * d + i] * x[r * d + i] * m[i];
        }
        double pen = mode == GumbelPenaltyMode.Raw ? meanMask : (meanMask - 2.0 / d) * (meanMask - 2.0 / d);
        return f + lambda * pen;
    }

    private static double Central(double[] values, int index, double h, Func<double> objective)
    {
        double saved = values[index];
        values[index] = saved + h;
        double plus = objective();
        values[index] = saved - h;
        double minus = objective();
        values[index] = saved;
        return (plus - minus) / (2 * h);
    }

    private static double RelativeError(double analytic, double numeric)
        => Math.Abs(analytic - numeric) / Math.Max(1e-3, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));

    internal static float[] Normal(int count, ulong seed, float scale = 1f)
    {
        var values = new float[count];
        KernelBackends.Scalar.RandomNormal(seed, 0, values);
        for (int i = 0; i < count; i++)
            values[i] *= scale;
        return values;
    }
}
