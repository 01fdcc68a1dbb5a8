using System;
using System.Collections.Generic;
using System.Threading;
using MLNetDiff.Clustering.Clam;
using static MLNetDiff.Tests.Clustering.Clam.ClamClusteringHelpers;
using static MLNetDiff.Tests.Clustering.Clam.ClamTestData;

namespace MLNetDiff.Tests.Clustering.Clam;

/// <summary>The ClAM training loop (specs/clustering.md B4, B6) and sanity test B9 (5).</summary>
[TestClass]
public sealed class ClamFitTests
{
    private const int K = 3, D = 10, PerCluster = 100, N = K * PerCluster;

    [TestMethod]
    public void B9_5_BlobsBestOfFiveRestartsRecoverTheClusters()
    {
        // K = 3 blobs in R^10, σ = 0.5, centres ≥ 10σ apart, z-scored; defaults of B6; 5 restarts from data points
        // (B8: a single init can put two prototypes in one blob), the lowest best-epoch loss wins.
        (double[] raw, int[] truth) = Blobs(K, PerCluster, D, 0.5, 5, seed: 3);
        float[] x = ToFloat(ZScore(raw, N, D));
        ClamFitResult<float>? best = null;
        var restartAri = new List<double>();
        var options = new ClamFitOptions();
        for (int restart = 1; restart <= 5; restart++)
        {
            ClamFitResult<float> result = ClamFit.Run<float>(x, N, D, default, AtDataPoints(x, N, D, K, restart), K, options, seed: restart);
            restartAri.Add(AdjustedRandIndex(truth, Labels(result.Prototypes, x, options)));
            if (best is null || result.BestLoss < best.BestLoss)
                best = result;
        }
        int[] labels = Labels(best!.Prototypes, x, options);
        double ari = AdjustedRandIndex(truth, labels);
        Assert.IsGreaterThanOrEqualTo(0.95, ari, $"ARI of the best restart {ari:F4}; per restart {string.Join(", ", restartAri.ConvertAll(a => a.ToString("F3")))}");
        // ... and silhouette ≥ k-means' − 0.02: Lloyd from the same five data-point starts, and the highest of their five
        // silhouettes (at least as strict a bar as the inertia pick's).
        double kmeans = double.NegativeInfinity;
        for (int restart = 1; restart <= 5; restart++)
            kmeans = Math.Max(kmeans, Silhouette(x, N, D, Lloyd(x, N, D, AtDataPoints(x, N, D, K, restart), K)));
        double silhouette = Silhouette(x, N, D, labels);
        Assert.IsGreaterThanOrEqualTo(kmeans - 0.02, silhouette, $"ClAM silhouette {silhouette:F4}, k-means {kmeans:F4}");
    }

    [TestMethod]
    public void ASeedReproducesTheFitAndAnotherSeedDoesNot()
    {
        (double[] raw, _) = Blobs(K, 30, D, 0.5, 5, seed: 4);
        float[] x = ToFloat(ZScore(raw, 90, D));
        float[] init = AtDataPoints(x, 90, D, K, 1);
        var options = new ClamFitOptions { Epochs = 15 };
        ClamFitResult<float> a = ClamFit.Run<float>(x, 90, D, default, init, K, options, seed: 7);
        ClamFitResult<float> b = ClamFit.Run<float>(x, 90, D, default, init, K, options, seed: 7);
        ClamFitResult<float> c = ClamFit.Run<float>(x, 90, D, default, init, K, options, seed: 8);
        CollectionAssert.AreEqual(a.Prototypes, b.Prototypes);
        CollectionAssert.AreEqual(a.EpochLosses, b.EpochLosses);
        CollectionAssert.AreNotEqual(a.EpochLosses, c.EpochLosses);
    }

    [TestMethod]
    public void ADivergingFitAbortsNamingTheEpochAndBatch()
    {
        // A learning rate of 1e30 throws the float prototypes to ~1e30: squared distances overflow, the loss is NaN.
        (double[] raw, _) = Blobs(K, 20, D, 0.5, 5, seed: 5);
        float[] x = ToFloat(ZScore(raw, 60, D));
        var options = new ClamFitOptions { LearningRate = 1e30, Epochs = 5 };
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            ClamFit.Run<float>(x, 60, D, default, AtDataPoints(x, 60, D, K, 1), K, options, seed: 1));
        StringAssert.Contains(error.Message, "ClAM training diverged at epoch 1, batch ");
        StringAssert.Contains(error.Message, "NaN");
    }

    [TestMethod]
    public void AWeightTwoRowFitsLikeTheRowDuplicated()
    {
        // One full batch and a mask shared by the batch every epoch, so both fits see the same masks; the weighted
        // mean fill equals the duplicated data's mean. Only summation order differs (double).
        const int rows = 40;
        (double[] raw, _) = Blobs(K, rows / K + 1, D, 0.5, 5, seed: 6);
        double[] x = ZScore(raw[..(rows * D)], rows, D);
        double[] duplicated = [.. x, .. x[..D]];
        var weights = new double[rows];
        Array.Fill(weights, 1);
        weights[0] = 2;
        double[] init = AtDataPoints(x, rows, D, K, 2);
        var options = new ClamFitOptions { BatchSize = rows + 1, MaskChangeCycle = 1, Epochs = 30 };
        ClamFitResult<double> weighted = ClamFit.Run<double>(x, rows, D, weights, init, K, options, seed: 3);
        ClamFitResult<double> repeated = ClamFit.Run<double>(duplicated, rows + 1, D, default, init, K, options, seed: 3);
        for (int p = 0; p < K * D; p++)
            Assert.AreEqual(repeated.Prototypes[p], weighted.Prototypes[p], 1e-9, $"prototype entry {p}");
        for (int e = 0; e < weighted.EpochsRun; e++)
            Assert.AreEqual(repeated.EpochLosses[e], weighted.EpochLosses[e], 1e-12, $"epoch {e + 1}");
    }

    [TestMethod]
    public void TheResultHoldsTheLowestLossEpochAndReportsEveryEpoch()
    {
        (double[] raw, _) = Blobs(K, 30, D, 0.5, 5, seed: 9);
        float[] x = ToFloat(ZScore(raw, 90, D));
        var reports = new List<ClamEpochReport>();
        var options = new ClamFitOptions { Epochs = 25, LearningRate = 0.05 };
        ClamFitResult<float> result = ClamFit.Run<float>(x, 90, D, default, AtDataPoints(x, 90, D, K, 3), K, options, seed: 2, progress: reports.Add);
        Assert.AreEqual(25, result.EpochsRun);
        Assert.AreEqual(ClamStopReason.EpochLimit, result.StopReason);
        Assert.HasCount(25, reports);
        int argmin = 0;
        for (int e = 0; e < result.EpochsRun; e++)
        {
            Assert.AreEqual(e + 1, reports[e].Epoch);
            Assert.AreEqual(result.EpochLosses[e], reports[e].Loss);
            if (result.EpochLosses[e] < result.EpochLosses[argmin])
                argmin = e;
        }
        Assert.AreEqual(argmin + 1, result.BestEpoch);
        Assert.AreEqual(result.EpochLosses[argmin], result.BestLoss);
        Assert.IsLessThan(result.EpochLosses[0], result.BestLoss, "training must lower the loss");
    }

    [TestMethod]
    public void PlateauScheduleDecaysOnlyOnAFlatLossAndTheFitStopsAtTheFloor()
    {
        var flat = new ClamPlateauSchedule(0.01, 0.8, 5, 1e-3, 10);
        var falling = new ClamPlateauSchedule(0.01, 0.8, 5, 1e-3, 10);
        var rates = new List<double>();
        for (int e = 0; e < 30; e++)
        {
            rates.Add(flat.Next(1.0));
            Assert.AreEqual(0.01, falling.Next(100 - e), "a loss falling by 1 per epoch never decays");
        }
        // Comparisons start with the 11th loss; the 5th flat comparison (epoch 15) decays, then every 5 epochs.
        Assert.AreEqual(0.01, rates[13]);
        Assert.AreEqual(0.008, rates[14], 1e-15);
        Assert.AreEqual(0.008, rates[18], 1e-15);
        Assert.AreEqual(0.0064, rates[19], 1e-15);

        (double[] raw, _) = Blobs(K, 10, D, 0.5, 5, seed: 10);
        float[] x = ToFloat(ZScore(raw, 30, D));
        var options = new ClamFitOptions { MinLearningRate = 0.0095, PlateauMinDecrease = double.MaxValue, PlateauPatience = 1, PlateauWindow = 1 };
        ClamFitResult<float> result = ClamFit.Run<float>(x, 30, D, default, AtDataPoints(x, 30, D, K, 1), K, options, seed: 1);
        Assert.AreEqual(ClamStopReason.LearningRateFloor, result.StopReason);
        Assert.AreEqual(2, result.EpochsRun);
        Assert.AreEqual(0.008, result.FinalLearningRate, 1e-12);
    }

    [TestMethod]
    public void EarlyStoppingAndCancellation()
    {
        (double[] raw, _) = Blobs(K, 10, D, 0.5, 5, seed: 11);
        float[] x = ToFloat(ZScore(raw, 30, D));
        float[] init = AtDataPoints(x, 30, D, K, 1);
        // A tiny learning rate barely moves ρ while the masks change the loss: new minima stop coming quickly.
        var patient = new ClamFitOptions { EarlyStoppingPatience = 2, LearningRate = 1e-12, MinLearningRate = 0, Epochs = 200 };
        ClamFitResult<float> stopped = ClamFit.Run<float>(x, 30, D, default, init, K, patient, seed: 1);
        Assert.AreEqual(ClamStopReason.NoImprovement, stopped.StopReason);
        Assert.AreEqual(stopped.BestEpoch + 2, stopped.EpochsRun);

        using var source = new CancellationTokenSource();
        int epochs = 0;
        Assert.ThrowsExactly<OperationCanceledException>(() => ClamFit.Run<float>(x, 30, D, default, init, K,
            new ClamFitOptions { Epochs = 100 }, seed: 1, progress: report =>
            {
                epochs = report.Epoch;
                if (report.Epoch == 3)
                    source.Cancel();
            }, cancellation: source.Token));
        Assert.AreEqual(3, epochs);
    }

    [TestMethod]
    public void MasksAreDrawnWithoutReplacementFromEveryFeature()
    {
        // B3 fix: exactly max(1, ⌊0.2·d⌋) distinct coordinates per row, feature 0 included; shared masks are equal.
        const int d = 11, rows = 64;
        var sampler = new ClamMaskSampler(MLNetDiff.Kernels.KernelBackends.Scalar, 5, d, 0.2, rows);
        Assert.AreEqual(2, sampler.Count);
        var x = new float[rows * d];
        var fill = new float[d];
        Array.Fill(fill, 9f);
        var mask = new float[rows * d];
        var v0 = new float[rows * d];
        var hits = new int[d];
        for (int draw = 0; draw < 20; draw++)
        {
            sampler.Draw<float>(x, rows, shared: false, fill, mask, v0);
            for (int b = 0; b < rows; b++)
            {
                int count = 0;
                for (int i = 0; i < d; i++)
                {
                    count += (int)mask[b * d + i];
                    hits[i] += (int)mask[b * d + i];
                    Assert.AreEqual(mask[b * d + i] == 1 ? 9f : 0f, v0[b * d + i]);
                }
                Assert.AreEqual(2, count);
            }
        }
        foreach (int h in hits)
            Assert.IsGreaterThan(150, h, $"each feature is masked about 20·64·2/11 ≈ 233 times; counts {string.Join(",", hits)}");
        sampler.Draw<float>(x, rows, shared: true, fill, mask, v0);
        for (int b = 1; b < rows; b++)
            CollectionAssert.AreEqual(mask[..d], mask[(b * d)..((b + 1) * d)]);
        Assert.AreEqual(1, new ClamMaskSampler(MLNetDiff.Kernels.KernelBackends.Scalar, 5, 3, 0.2, 1).Count);
    }

    [TestMethod]
    public void BadOptionsAndInputsNameTheirParameter()
    {
        float[] x = [0, 1, 2, 3], init = [0, 1];
        Assert.AreEqual("Beta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamFitOptions { Beta = -1 }.Validate()).ParamName);
        Assert.AreEqual("MaskProbability", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamFitOptions { MaskProbability = 2 }.Validate()).ParamName);
        Assert.AreEqual("EarlyStoppingPatience", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClamFitOptions { EarlyStoppingPatience = 0 }.Validate()).ParamName);
        var options = new ClamFitOptions();
        Assert.AreEqual("data", Assert.ThrowsExactly<ArgumentException>(() => ClamFit.Run<float>([0, float.NaN, 2, 3], 2, 2, default, init, 1, options, 1)).ParamName);
        Assert.AreEqual("initialPrototypes", Assert.ThrowsExactly<ArgumentException>(() => ClamFit.Run<float>(x, 2, 2, default, [0], 1, options, 1)).ParamName);
        Assert.AreEqual("weights", Assert.ThrowsExactly<ArgumentException>(() => ClamFit.Run<float>(x, 2, 2, [1, -1], init, 1, options, 1)).ParamName);
        Assert.AreEqual("weights", Assert.ThrowsExactly<ArgumentException>(() => ClamFit.Run<float>(x, 2, 2, [0, 0], init, 1, options, 1)).ParamName);
    }

    private static int[] Labels(float[] prototypes, float[] x, ClamFitOptions options)
    {
        var labels = new int[x.Length / D];
        ClamInference.Predict<float>(prototypes, K, x, labels.Length, D, options.Steps, options.Beta, options.Alpha, labels, default);
        return labels;
    }
}
