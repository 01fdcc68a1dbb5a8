using System;
using System.Diagnostics;
using System.Globalization;
using MLNetDiff.Clustering.Clam;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Clustering;

/// <summary>
/// The restarts of a <see cref="ClamTrainer"/> fit over the model-space rows in memory (docs/clustering.md, "Clam"): per
/// restart k-means++ seeds (spec B8) and one <see cref="ClamFit"/> run (B4); then the restart's labels by the model's own
/// inference map, its unmasked loss and (for the default selection) its silhouette; the restart the options' criterion
/// prefers is kept (<see cref="PrototypeRestarts"/>, first on ties).
/// </summary>
internal static class ClamTrainerFit
{
    public static (float[] Prototypes, ClamTrainingReport Report) Run(PrototypeTrainingData data, ClamTrainer.Options options,
        int seed, KernelBackend backend, IProgress<TrainingProgress>? monitor)
    {
        var clock = Stopwatch.StartNew();
        int k = options.NumberOfClusters, d = data.FeatureCount;
        if (data.Rows < k)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Clam needs at least as many training rows as clusters: NumberOfClusters (k) is {k}, the data has {data.Rows} rows."));
        if (data.Streamed)
            throw new InvalidOperationException("Clam trains on rows held in memory; the data was streamed.");
        int n = data.SampleRows;
        float[] z = data.Sample;
        float[] weights = data.SampleWeights;
        ClamFitOptions fitOptions = options.ToFitOptions();
        int restarts = options.NumberOfRestarts, epochs = options.NumberOfEpochs;
        ulong useed = (ulong)(uint)seed;
        var silhouettes = new double[restarts];
        var unmasked = new double[restarts];
        var training = new double[restarts];
        var epochsRun = new int[restarts];
        var bestEpochs = new int[restarts];
        var history = new double[restarts][];
        long step = 0;
        silhouettes.AsSpan().Fill(double.NaN);
        var mapped = new float[z.Length];
        var labels = new int[n];
        int silhouetteSeed = unchecked((int)NeuralKMeansFit.Mix(useed, 3));

        (float[] best, int bestRestart, _) = PrototypeRestarts.Run(restarts, restart =>
        {
            float[] initial = KMeansPlusPlus.Seed(z, weights, n, d, k, NeuralKMeansFit.Mix(useed, 16 + (ulong)restart), backend);
            ClamFitResult<float> fit = ClamFit.Run<float>(z, n, d, weights, initial, k, fitOptions,
                unchecked((int)NeuralKMeansFit.Mix(useed, 1024 + (ulong)restart)),
                report => monitor?.Report(new TrainingProgress(restart * epochs + report.Epoch - 1, restarts * epochs,
                    ++step, n, report.Loss, null, null, 0, true, clock.Elapsed)),
                backend);
            training[restart] = fit.BestLoss;
            epochsRun[restart] = fit.EpochsRun;
            bestEpochs[restart] = fit.BestEpoch;
            history[restart] = fit.EpochLosses;
            unmasked[restart] = Inspect(fit.Prototypes, z, weights, n, d, options, mapped, labels);
            double objective;
            switch (options.RestartSelection)
            {
                case ClamRestartSelection.Silhouette:
                    silhouettes[restart] = Silhouette(z, d, labels, options.SilhouetteSampleRows, silhouetteSeed);
                    objective = -silhouettes[restart];
                    break;
                case ClamRestartSelection.UnmaskedLoss:
                    objective = unmasked[restart];
                    break;
                default:
                    objective = fit.BestLoss;
                    break;
            }
            return (fit.Prototypes, objective);
        });
        var report = new ClamTrainingReport(options.RestartSelection, silhouettes, unmasked, training, epochsRun, bestEpochs,
            history, bestRestart, data.Rows, clock.Elapsed);
        return (best, report);
    }

    /// <summary><see cref="ClamStandardization.SingleScale"/>: from the raw rows (weights as frequencies), μ per feature
    /// and one s = 1/√(mean of the features' population variances) (1 when every feature is constant); the rows are
    /// transformed in place with <see cref="PrototypeModel.Standardize"/>, as the model will transform them.</summary>
    internal static (float[] Mean, float[] Scale) ApplySingleScale(float[] x, int n, int d, float[] weights)
    {
        var mean = new double[d];
        var m2 = new double[d];
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            double w = weights.Length == 0 ? 1 : weights[r];
            if (!(w > 0))
                continue;
            // West's weighted update, as PrototypeTrainingData's per-feature statistics.
            total += w;
            double ratio = w / total;
            for (int f = 0; f < d; f++)
            {
                double delta = x[r * d + f] - mean[f];
                mean[f] += ratio * delta;
                m2[f] += w * delta * (x[r * d + f] - mean[f]);
            }
        }
        double variance = 0;
        for (int f = 0; f < d; f++)
            variance += Math.Max(0, m2[f] / total) / d;
        float s = variance > 1e-24 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        var meanF = new float[d];
        var scaleF = new float[d];
        for (int f = 0; f < d; f++)
        {
            meanF[f] = (float)mean[f];
            scaleF[f] = s;
        }
        for (int r = 0; r < n; r++)
        {
            Span<float> row = x.AsSpan(r * d, d);
            PrototypeModel.Standardize(row, meanF, scaleF, row);
        }
        return (meanF, scaleF);
    }

    /// <summary>Runs the model's inference map over the rows (into <paramref name="mapped"/>), writes the labels
    /// (argmin of ‖A(z) − ρ‖², lowest index on ties: the model's PredictedLabel) and returns the weighted mean
    /// unmasked loss Σ w‖z − A(z)‖² / Σ w.</summary>
    internal static double Inspect(float[] prototypes, float[] z, float[] weights, int n, int d, ClamTrainer.Options options,
        float[] mapped, int[] labels)
    {
        int k = prototypes.Length / d;
        var map = new ClamPrototypeMap(prototypes, d, options.Beta, options.Alpha, options.Steps);
        z.AsSpan(0, n * d).CopyTo(mapped);
        map.Apply(mapped, n, d);
        double loss = 0, weight = 0;
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<float> row = mapped.AsSpan(r * d, d);
            int nearest = 0;
            float nearestDistance = float.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                float distance = PrototypeModel.SquaredDistance(row, prototypes.AsSpan(j * d, d));
                if (distance < nearestDistance)
                {
                    nearestDistance = distance;
                    nearest = j;
                }
            }
            labels[r] = nearest;
            double w = weights.Length == 0 ? 1 : weights[r];
            loss += w * PrototypeModel.SquaredDistance(z.AsSpan(r * d, d), row);
            weight += w;
        }
        return loss / Math.Max(weight, double.Epsilon);
    }

    /// <summary>The silhouette of the labels on the model-space rows, sampled; −1 (the worst value) when the labels (of
    /// the sample) fall in fewer than two clusters or in as many clusters as rows, where it is undefined.</summary>
    private static double Silhouette(float[] z, int d, int[] labels, int sampleRows, int seed)
    {
        int n = labels.Length;
        int? sample = sampleRows < n ? sampleRows : null;
        try
        {
            return ClusteringGeometry.Silhouette(z.AsSpan(0, n * d), d, labels, sample, seed);
        }
        catch (ArgumentException)
        {
            // 1 or n distinct clusters (ClusteringGeometry's documented refusal); a collapsed restart must not win.
            return -1;
        }
    }
}
