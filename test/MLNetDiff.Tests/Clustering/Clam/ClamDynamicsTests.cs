using System;
using MLNetDiff.Clustering.Clam;
using static MLNetDiff.Tests.Clustering.Clam.ClamTestData;

namespace MLNetDiff.Tests.Clustering.Clam;

/// <summary>The ClAM dynamics against specs/clustering.md B2-B3 and the sanity tests B9 (1)-(4), (6), (7).</summary>
[TestClass]
public sealed class ClamDynamicsTests
{
    [TestMethod]
    public void B9_1_EnergyNeverIncreasesAlongATrajectory()
    {
        // Random β, α ∈ (0, 1] and masks (none, random): E(v^{t+1}) ≤ E(v^t) to 1e-12 at every step of every row.
        var random = new Random(11);
        const int k = 4, d = 6, rows = 8, steps = 25;
        int checkedSteps = 0;
        for (int trial = 0; trial < 12; trial++)
        {
            double beta = 0.2 + 5 * random.NextDouble();
            double alpha = trial == 0 ? 1 : 0.05 + 0.95 * random.NextDouble();
            double[] rho = Normal(k * d, 100 + trial, scale: 1.5);
            double[] x = Normal(rows * d, 200 + trial, scale: 2);
            double[] mask = trial % 2 == 0 ? [] : Mask(rows, d, 300 + trial);
            double[] v0 = mask.Length == 0 ? x : Filled(x, mask, 0.7);
            var dynamics = new ClamDynamics<double>(k, d, steps, beta, alpha, rows);
            dynamics.Forward(rho, v0, mask, rows);
            for (int t = 0; t < steps; t++)
            {
                for (int b = 0; b < rows; b++)
                {
                    double before = ClamDynamics<double>.Energy(rho, k, dynamics.State(t).Slice(b * d, d), beta);
                    double after = ClamDynamics<double>.Energy(rho, k, dynamics.State(t + 1).Slice(b * d, d), beta);
                    Assert.IsLessThanOrEqualTo(before + 1e-12 * Math.Max(1, Math.Abs(before)), after,
                        $"trial {trial} (β {beta:F3}, α {alpha:F3}), row {b}, step {t}: E went {before:R} → {after:R}");
                    checkedSteps++;
                }
            }
        }
        Assert.AreEqual(12 * steps * rows, checkedSteps);
    }

    [TestMethod]
    [DataRow(true, false)]
    [DataRow(false, false)]
    [DataRow(true, true)]
    public void B9_2_BpttGradientMatchesCentralFiniteDifferences(bool masked, bool weighted)
    {
        const int k = 3, d = 5, rows = 4, steps = 6;
        const double beta = 1.3, alpha = 0.3, h = 1e-5;
        double[] rho = Normal(k * d, 1, scale: 1.2);
        double[] x = Normal(rows * d, 2, scale: 1.5);
        double[] mask = masked ? Mask(rows, d, 3) : [];
        double[] v0 = masked ? Filled(x, mask, -0.4) : x;
        double[] weights = weighted ? [0.5, 2, 1, 0.25] : [];
        var dynamics = new ClamDynamics<double>(k, d, steps, beta, alpha, rows);
        double Loss(double[] prototypes)
        {
            dynamics.Forward(prototypes, v0, mask, rows);
            return dynamics.Loss(x, weights);
        }

        Loss(rho);
        var analytic = new double[k * d];
        dynamics.Backward(rho, analytic);
        double worst = 0, largest = 0;
        for (int p = 0; p < rho.Length; p++)
        {
            double[] plus = (double[])rho.Clone(), minus = (double[])rho.Clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            largest = Math.Max(largest, Math.Abs(numeric));
            double error = Math.Abs(analytic[p] - numeric) / Math.Max(Math.Max(Math.Abs(analytic[p]), Math.Abs(numeric)), 1e-3 * largest + 1e-12);
            worst = Math.Max(worst, error);
        }
        Assert.IsGreaterThan(1e-4, largest, "the objective must depend on the prototypes for the check to mean anything");
        Assert.IsLessThan(1e-6, worst, $"worst relative error {worst:E2}");
    }

    [TestMethod]
    public void B9_3_SharpOneStepDynamicsIsNearestPrototypeAndTheLossIsTheInertia()
    {
        // β = 1e4, α = 1, T = 1: s is one-hot on the nearest prototype, so v^1 = ρ_nearest and the unmasked loss
        // ·B·d = Σ_i min_μ ‖x_i − ρ_μ‖² (the k-means inertia). Rows whose two nearest squared distances are within 0.05
        // are redrawn: there the softmax is not one-hot even at β = 1e4 (e^{−250} is, e^{−0} is not).
        const int k = 5, d = 3, rows = 40;
        double[] rho = Normal(k * d, 7, scale: 3);
        var x = new double[rows * d];
        var nearest = new int[rows];
        var random = new Random(8);
        double inertia = 0;
        for (int b = 0; b < rows; b++)
        {
            while (true)
            {
                for (int i = 0; i < d; i++)
                    x[b * d + i] = 8 * random.NextDouble() - 4;
                (int best, double first, double second) = TwoNearest(rho, k, x.AsSpan(b * d, d));
                if (second - first > 0.05)
                {
                    nearest[b] = best;
                    inertia += first;
                    break;
                }
            }
        }
        var dynamics = new ClamDynamics<double>(k, d, 1, 1e4, 1, rows);
        dynamics.Forward(rho, x, default, rows);
        ReadOnlySpan<double> v1 = dynamics.Output;
        for (int b = 0; b < rows; b++)
        {
            for (int i = 0; i < d; i++)
                Assert.AreEqual(rho[nearest[b] * d + i], v1[b * d + i], 1e-12, $"row {b}, coordinate {i}");
        }
        double loss = dynamics.Loss(x, default) * rows * d;
        Assert.AreEqual(inertia, loss, 1e-10 * inertia);
    }

    [TestMethod]
    public void B9_4_APrototypeFarFromTheOthersIsAFixedPoint()
    {
        // v = ρ_0 with every other prototype ≥ 10/√β away: the other weights are ≤ e^{−50}, v stays within 1e-6.
        const int k = 4, d = 5;
        const double beta = 1.5;
        double[] rho = Normal(k * d, 21);
        double separation = 10 / Math.Sqrt(beta);
        for (int mu = 1; mu < k; mu++)
            rho[mu * d + (mu % d)] += separation * (1 + mu) + 5; // far on some axis, whatever the normal draw
        for (int mu = 1; mu < k; mu++)
            Assert.IsGreaterThanOrEqualTo(separation, Math.Sqrt(SquaredDistance(rho.AsSpan(0, d), rho.AsSpan(mu * d, d))));
        double[] v = rho[..d];
        var dynamics = new ClamDynamics<double>(k, d, 50, beta, 0.1, 1);
        dynamics.Forward(rho, v, default, 1);
        for (int i = 0; i < d; i++)
            Assert.AreEqual(rho[i], dynamics.Output[i], 1e-6);
        var single = new ClamDynamics<float>(k, d, 50, beta, 0.1, 1);
        float[] rhoF = ToFloat(rho);
        single.Forward(rhoF, rhoF.AsSpan(0, d), default, 1);
        for (int i = 0; i < d; i++)
            Assert.AreEqual(rhoF[i], single.Output[i], 1e-6f);
    }

    [TestMethod]
    public void B9_6_OnlyMaskedCoordinatesMoveDuringTrainingForward()
    {
        // Float, the production path: unmasked entries of v^T equal x bit for bit; masked ones moved off the fill.
        const int k = 6, d = 9, rows = 17;
        float[] rho = ToFloat(Normal(k * d, 31, scale: 2));
        float[] x = ToFloat(Normal(rows * d, 32, scale: 3));
        double[] maskD = Mask(rows, d, 33, probability: 0.3);
        float[] mask = ToFloat(maskD), v0 = ToFloat(Filled(ToDouble(x), maskD, 0));
        var dynamics = new ClamDynamics<float>(k, d, 10, 1.5, 0.1, rows);
        dynamics.Forward(rho, v0, mask, rows);
        int moved = 0;
        for (int i = 0; i < rows * d; i++)
        {
            if (mask[i] == 0)
                Assert.AreEqual(BitConverter.SingleToInt32Bits(x[i]), BitConverter.SingleToInt32Bits(dynamics.Output[i]), $"entry {i}");
            else if (dynamics.Output[i] != 0)
                moved++;
        }
        Assert.IsGreaterThan(0, moved, "masked coordinates must move toward the attractor");
    }

    [TestMethod]
    [DataRow(1.0, 4)]
    [DataRow(100.0, 300)]
    public void B9_7_LabelsAreInRangeAndScoresFinite(double scale, int d)
    {
        // Scale 100 in 300 dimensions: distances ~1e6·β/2 overflow exp without max-subtraction (B8), NaN scores.
        const int k = 7, rows = 33;
        float[] rho = ToFloat(Normal(k * d, 41, scale: scale));
        float[] x = ToFloat(Normal(rows * d, 42, scale: scale));
        var dynamics = new ClamDynamics<float>(k, d, 10, 1.5, 0.1, rows);
        var scores = new float[rows * k];
        dynamics.Score(rho, x, rows, scores);
        var labels = new int[rows];
        ClamDynamics<float>.Assign(scores, rows, k, labels);
        foreach (float score in scores)
            Assert.IsTrue(float.IsFinite(score) && score >= 0, $"score {score}");
        for (int b = 0; b < rows; b++)
        {
            Assert.IsTrue(labels[b] >= 0 && labels[b] < k, $"label {labels[b]}");
            for (int mu = 0; mu < k; mu++)
                Assert.IsGreaterThanOrEqualTo(scores[b * k + labels[b]], scores[b * k + mu]);
        }
    }

    [TestMethod]
    public void InferenceInChunksEqualsOneBatch()
    {
        // 600 rows cross ClamInference's 256-row chunks; every row's dynamics is independent of the others.
        const int k = 4, d = 6, rows = 600;
        float[] rho = ToFloat(Normal(k * d, 81, scale: 2)), x = ToFloat(Normal(rows * d, 82, scale: 2));
        var labels = new int[rows];
        var scores = new float[rows * k];
        ClamInference.Predict<float>(rho, k, x, rows, d, 10, 1.5, 0.1, labels, scores);
        var whole = new ClamDynamics<float>(k, d, 10, 1.5, 0.1, rows);
        var expectedScores = new float[rows * k];
        var expectedLabels = new int[rows];
        whole.Score(rho, x, rows, expectedScores);
        ClamDynamics<float>.Assign(expectedScores, rows, k, expectedLabels);
        CollectionAssert.AreEqual(expectedLabels, labels);
        for (int i = 0; i < scores.Length; i++)
            Assert.AreEqual(expectedScores[i], scores[i], 1e-5f * Math.Max(1, expectedScores[i]), $"score {i}");
        Assert.IsGreaterThan(1, new System.Collections.Generic.HashSet<int>(labels).Count);
    }

    [TestMethod]
    public void AssignBreaksTiesToTheLowestIndex()
    {
        float[] scores = [2, 1, 1, 3, /**/ 5, 5, 5, 5, /**/ float.NaN, 4, 4, 9];
        var labels = new int[3];
        ClamDynamics<float>.Assign(scores, 3, 4, labels);
        CollectionAssert.AreEqual(new[] { 1, 0, 1 }, labels);
    }

    [TestMethod]
    public void FloatAndDoubleAgree()
    {
        const int k = 5, d = 12, rows = 20, steps = 10;
        double[] rho = Normal(k * d, 51), x = Normal(rows * d, 52, scale: 1.3), maskD = Mask(rows, d, 53, 0.2);
        double[] v0 = Filled(x, maskD, 0);
        var dd = new ClamDynamics<double>(k, d, steps, 1.5, 0.1, rows);
        dd.Forward(rho, v0, maskD, rows);
        double lossD = dd.Loss(x, default);
        var gradD = new double[k * d];
        dd.Backward(rho, gradD);

        float[] rhoF = ToFloat(rho);
        var df = new ClamDynamics<float>(k, d, steps, 1.5, 0.1, rows);
        df.Forward(rhoF, ToFloat(v0), ToFloat(maskD), rows);
        double lossF = df.Loss(ToFloat(x), default);
        var gradF = new float[k * d];
        df.Backward(rhoF, gradF);

        Assert.AreEqual(lossD, lossF, 1e-5 * lossD);
        double scale = 0;
        foreach (double g in gradD)
            scale = Math.Max(scale, Math.Abs(g));
        Assert.IsGreaterThan(0, scale);
        for (int p = 0; p < gradD.Length; p++)
            Assert.AreEqual(gradD[p], gradF[p], 1e-4 * scale, $"gradient entry {p}");
    }

    [TestMethod]
    public void AWeightTwoRowIsTheRowTwice()
    {
        const int k = 3, d = 4, steps = 5;
        double[] rho = Normal(k * d, 61), x = Normal(3 * d, 62), mask = Mask(3, d, 63);
        double[] twice = [.. x[..d], .. x], maskTwice = [.. mask[..d], .. mask];
        (double loss, double[] grad) = LossAndGradient(rho, x, mask, [2, 1, 1], 3);
        (double lossTwice, double[] gradTwice) = LossAndGradient(rho, twice, maskTwice, [], 4);
        Assert.AreEqual(lossTwice, loss, 1e-14);
        for (int p = 0; p < grad.Length; p++)
            Assert.AreEqual(gradTwice[p], grad[p], 1e-14, $"gradient entry {p}");

        static (double, double[]) LossAndGradient(double[] rho, double[] x, double[] mask, double[] weights, int rows)
        {
            var dynamics = new ClamDynamics<double>(k, d, steps, 1.5, 0.2, rows);
            dynamics.Forward(rho, Filled(x, mask, 0), mask, rows);
            double loss = dynamics.Loss(x, weights);
            var grad = new double[k * d];
            dynamics.Backward(rho, grad);
            return (loss, grad);
        }
    }

    [TestMethod]
    public void ASteadyStateStepAllocatesNothing()
    {
        const int k = 8, d = 40, rows = 32;
        float[] rho = ToFloat(Normal(k * d, 71)), x = ToFloat(Normal(rows * d, 72));
        double[] maskD = Mask(rows, d, 73, 0.2);
        float[] mask = ToFloat(maskD), v0 = ToFloat(Filled(ToDouble(x), maskD, 0)), grad = new float[k * d], scores = new float[rows * k];
        var dynamics = new ClamDynamics<float>(k, d, 10, 1.5, 0.1, rows);
        void Step()
        {
            dynamics.Forward(rho, v0, mask, rows);
            dynamics.Loss(x, default);
            dynamics.Backward(rho, grad);
            dynamics.Score(rho, x, rows, scores);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            Step();
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void BadArgumentsNameTheParameter()
    {
        Assert.AreEqual("beta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamDynamics<float>(2, 2, 1, 0, 0.1, 1)).ParamName);
        Assert.AreEqual("alpha", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamDynamics<float>(2, 2, 1, 1, 1.5, 1)).ParamName);
        Assert.AreEqual("steps", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamDynamics<float>(2, 2, 0, 1, 0.1, 1)).ParamName);
        var dynamics = new ClamDynamics<float>(2, 3, 2, 1, 0.1, 4);
        Assert.AreEqual("rows", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => dynamics.Forward(new float[6], new float[15], default, 5)).ParamName);
        Assert.AreEqual("prototypes", Assert.ThrowsExactly<ArgumentException>(() => dynamics.Forward(new float[5], new float[6], default, 2)).ParamName);
        Assert.AreEqual("mask", Assert.ThrowsExactly<ArgumentException>(() => dynamics.Forward(new float[6], new float[6], new float[5], 2)).ParamName);
        Assert.ThrowsExactly<InvalidOperationException>(() =>
        {
            dynamics.Forward(new float[6], new float[6], default, 2);
            dynamics.Backward(new float[6], new float[6]);
        });
        dynamics.Forward(new float[6], new float[6], default, 2);
        dynamics.Loss(new float[6], default);
        dynamics.Backward(new float[6], new float[6]);
        Assert.ThrowsExactly<InvalidOperationException>(() => dynamics.Backward(new float[6], new float[6]), "backward consumed the loss gradient");
    }

    private static (int Best, double First, double Second) TwoNearest(double[] rho, int k, ReadOnlySpan<double> x)
    {
        int d = x.Length, best = -1;
        double first = double.PositiveInfinity, second = double.PositiveInfinity;
        for (int mu = 0; mu < k; mu++)
        {
            double distance = SquaredDistance(x, rho.AsSpan(mu * d, d));
            if (distance < first)
            {
                (second, first, best) = (first, distance, mu);
            }
            else if (distance < second)
                second = distance;
        }
        return (best, first, second);
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }
}
