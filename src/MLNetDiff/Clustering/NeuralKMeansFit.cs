using System;
using System.Diagnostics;
using System.Globalization;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Clustering;

/// <summary>
/// One NeuralKMeans (TELL) fit over model-space rows (docs/clustering.md): per restart, k-means++ seeds, then epochs of
/// mini-batches: hard assignment by the B × K squared-distance block (the kernel layer's pairwise-distance kernel), the
/// geometry's prototype step, early stopping on the epoch objective; a last pass measures the restart's objective and
/// the lowest one is kept.
/// </summary>
internal static class NeuralKMeansFit
{
    public static (float[] Prototypes, NeuralKMeansTrainingReport Report) Run(PrototypeTrainingData data,
        NeuralKMeansTrainer.Options options, int seed, KernelBackend backend, IProgress<TrainingProgress>? monitor)
    {
        var clock = Stopwatch.StartNew();
        int k = options.NumberOfClusters, d = data.FeatureCount;
        if (data.Rows < k)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"NeuralKMeans needs at least as many training rows as clusters: NumberOfClusters (k) is {k}, the data has {data.Rows} rows."));
        bool spherical = options.Geometry == NeuralKMeansGeometry.Spherical;
        int batch = (int)Math.Min(options.BatchSize, data.Rows);
        int batchesPerEpoch = (int)((data.Rows + batch - 1) / batch);
        var workspace = new Workspace(batch, k, d);
        ulong useed = (ulong)(uint)seed;

        var epochsRun = new int[options.NumberOfRestarts];
        var history = new System.Collections.Generic.List<double>[options.NumberOfRestarts];
        long step = 0;
        int totalEpochs = options.NumberOfEpochs * options.NumberOfRestarts;
        (float[] best, int bestRestart, double[] objectives) = PrototypeRestarts.Run(options.NumberOfRestarts, RunOnce);
        var report = new NeuralKMeansTrainingReport(objectives, epochsRun,
            Array.ConvertAll(history, h => h.ToArray()), bestRestart, data.Rows, data.Streamed, clock.Elapsed);
        return (best, report);

        (float[] Prototypes, double Objective) RunOnce(int restart)
        {
            float[] prototypes = KMeansPlusPlus.Seed(data.Sample, data.SampleWeights, data.SampleRows, d, k,
                Mix(useed, 16 + (ulong)restart), backend);
            if (spherical)
                NeuralKMeansSteps.NormalizeRows(prototypes, d);
            var seen = new double[k];
            var epochWeight = new double[k];
            history[restart] = [];
            long restartSteps = 0;
            double previous = double.PositiveInfinity;
            for (int epoch = 0; epoch < options.NumberOfEpochs; epoch++)
            {
                int globalEpoch = restart * options.NumberOfEpochs + epoch;
                // A prototype's memory is one epoch: the weight it carries into this epoch is what it got in the last,
                // so rows assigned under early, wrong prototypes fade geometrically (about half per epoch) instead of
                // weighing 1/n forever (the plain 1/n rule crept along a bad optimum here, e.g. 40 epochs at 1e-3 each).
                if (epoch > 0)
                {
                    for (int j = 0; j < k; j++)
                    {
                        seen[j] = epochWeight[j];
                        epochWeight[j] = 0;
                    }
                }
                data.Reset(globalEpoch);
                double objective = 0, weight = 0;
                long epochRows = 0;
                int rows;
                while ((rows = data.NextBatch(batch, workspace.X, workspace.W)) > 0)
                {
                    (double o, double w) = workspace.Assign(backend, prototypes, rows, accumulate: true);
                    objective += o;
                    weight += w;
                    if (spherical)
                    {
                        double eta = options.DecayPrototypeStep
                            ? options.PrototypeStep / (1.0 + (double)restartSteps / batchesPerEpoch)
                            : options.PrototypeStep;
                        NeuralKMeansSteps.Spherical(prototypes, workspace.Sums, workspace.ClusterWeights, d, eta);
                    }
                    else
                    {
                        NeuralKMeansSteps.Euclidean(prototypes, seen, workspace.Sums, workspace.ClusterWeights, d);
                        for (int j = 0; j < k; j++)
                            epochWeight[j] += workspace.ClusterWeights[j];
                    }
                    restartSteps++;
                    step++;
                    epochRows += rows;
                    monitor?.Report(new TrainingProgress(globalEpoch, totalEpochs, step, epochRows,
                        objective / Math.Max(weight, double.Epsilon), null, null, 0, false, clock.Elapsed));
                }
                objective /= Math.Max(weight, double.Epsilon);
                epochsRun[restart] = epoch + 1;
                monitor?.Report(new TrainingProgress(globalEpoch, totalEpochs, step, epochRows, objective, null, null, 0,
                    true, clock.Elapsed));
                if (!double.IsFinite(objective))
                    throw new InvalidOperationException($"NeuralKMeans diverged at epoch {epoch + 1} of restart {restart + 1} (objective {objective}).");
                history[restart].Add(objective);
                // The first epoch has nothing to compare with (∞ − x ≤ tol·∞ would read as a stall).
                bool stalled = epoch > 0 && previous - objective <= options.OptimizationTolerance * previous;
                previous = objective;
                if (options.OptimizationTolerance > 0 && stalled)
                    break;
            }
            return (prototypes, Measure(data, workspace, backend, prototypes, batch));
        }
    }

    /// <summary>The weighted mean squared distance of every row to its nearest prototype (one pass, no update).</summary>
    private static double Measure(PrototypeTrainingData data, Workspace workspace, KernelBackend backend, float[] prototypes,
        int batch)
    {
        data.Reset(0);
        double objective = 0, weight = 0;
        int rows;
        while ((rows = data.NextBatch(batch, workspace.X, workspace.W)) > 0)
        {
            (double o, double w) = workspace.Assign(backend, prototypes, rows, accumulate: false);
            objective += o;
            weight += w;
        }
        return objective / Math.Max(weight, double.Epsilon);
    }

    /// <summary>The buffers of one batch: rows, weights, the B × K distance block, and per-prototype sums and weights.</summary>
    private sealed class Workspace(int batch, int k, int d)
    {
        public float[] X { get; } = new float[batch * d];
        public float[] W { get; } = new float[batch];
        public float[] Distances { get; } = new float[batch * k];
        public double[] Sums { get; } = new double[k * d];
        public double[] ClusterWeights { get; } = new double[k];

        /// <summary>Assigns each row to its nearest prototype (lowest index on ties); returns Σ w·min distance and Σ w,
        /// and with <paramref name="accumulate"/> fills <see cref="Sums"/> and <see cref="ClusterWeights"/>.</summary>
        public (double Objective, double Weight) Assign(KernelBackend backend, float[] prototypes, int rows, bool accumulate)
        {
            backend.SquaredEuclideanDistances(rows, k, d, X, prototypes, Distances);
            if (accumulate)
            {
                Array.Clear(Sums);
                Array.Clear(ClusterWeights);
            }
            double objective = 0, weight = 0;
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> dist = Distances.AsSpan(r * k, k);
                int nearest = 0;
                for (int j = 1; j < k; j++)
                {
                    if (dist[j] < dist[nearest])
                        nearest = j;
                }
                double w = W[r];
                objective += w * dist[nearest];
                weight += w;
                if (!accumulate || !(w > 0))
                    continue;
                ClusterWeights[nearest] += w;
                ReadOnlySpan<float> row = X.AsSpan(r * d, d);
                Span<double> sum = Sums.AsSpan(nearest * d, d);
                for (int f = 0; f < d; f++)
                    sum[f] += w * row[f];
            }
            return (objective, weight);
        }
    }

    // SplitMix64 finaliser over (seed, stream): independent Philox keys for the seeding of each restart and the order.
    internal static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
