using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Optimizers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Clustering;

/// <summary>
/// One deep NeuralKMeans (TELL with its autoencoder front, spec A3–A5; docs/clustering.md, "Deep mode") fit over
/// standardised rows: an engine MLP encoder d → hidden… → m (ReLU, linear code) and a mirrored decoder m → …hidden → d
/// with a LINEAR output (our rows are z-scored, not TELL's [0, 1] pixels, so its sigmoid would clip them). The decoder
/// reads the mapped code (L2-normalised in the spherical geometry), so decoder(Ω_j) is a reconstruction of prototype j.
/// Loss L = L_rec + γ·L_clu, L_rec the weighted mean squared reconstruction error, L_clu the weighted mean squared
/// distance of each code to its (hard, detached) nearest prototype, γ = 0.01/K by default.
/// Schedule: <c>PretrainingEpochs</c> of L_rec only, k-means++ seeding of Ω on the encoded rows, then alternating epochs
/// (spec A4): even epochs ("centre" epochs) the prototypes take the geometry's step from the batch's codes and the
/// networks get L_rec only; odd epochs the prototypes are frozen (their update is skipped, there is no optimizer state
/// to drift) and the encoder gets L_rec + γ·L_clu. Networks: Adam (one per network: the engine keeps one state per
/// flat buffer). Restarts are restarts of the seeding (k-means++ then batch k-means on the pre-trained codes, the lowest
/// k-means objective kept); one alternating run follows from the kept seeding.
/// </summary>
internal static class NeuralKMeansDeepFit
{
    /// <summary>Most batch k-means passes of a seeding restart (it usually stops earlier, when no row changes).</summary>
    public const int SeedingIterations = 50;

    public sealed record Result(Sequential Encoder, Sequential Decoder, float[] Prototypes, NeuralKMeansTrainingReport Report);

    public static Result Run(PrototypeTrainingData data, NeuralKMeansTrainer.Options options, int seed, KernelBackend backend,
        IProgress<TrainingProgress>? monitor)
    {
        var clock = Stopwatch.StartNew();
        int k = options.NumberOfClusters, d = data.FeatureCount, m = options.LatentDimension;
        if (data.Rows < k)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"NeuralKMeans needs at least as many training rows as clusters: NumberOfClusters (k) is {k}, the data has {data.Rows} rows."));
        bool spherical = options.Geometry == NeuralKMeansGeometry.Spherical;
        double gamma = options.ClusteringWeight ?? 0.01 / k;
        float lr = (float)options.AutoencoderLearningRate;
        int batch = (int)Math.Min(options.BatchSize, data.Rows);
        int batchesPerEpoch = (int)((data.Rows + batch - 1) / batch);
        ulong useed = (ulong)(uint)seed;
        int[] hidden = options.EncoderHiddenWidths;
        var reversed = new int[hidden.Length];
        for (int i = 0; i < hidden.Length; i++)
            reversed[i] = hidden[hidden.Length - 1 - i];
        Sequential encoder = MultiLayerPerceptron.Create(d, hidden, m, Activation.Relu, NeuralKMeansFit.Mix(useed, 3), backend: backend);
        Sequential decoder = MultiLayerPerceptron.Create(m, reversed, d, Activation.Relu, NeuralKMeansFit.Mix(useed, 4), backend: backend);
        var autoencoder = new DeepAutoencoderStep(encoder, decoder, spherical, batch, k, backend);
        int totalEpochs = options.PretrainingEpochs + options.NumberOfEpochs;
        long step = 0;

        // Pre-training: L_rec only (no prototypes yet), with the same Adam the alternating epochs continue.
        var encoderAdam = new AdamOptimizer();
        var decoderAdam = new AdamOptimizer();
        for (int epoch = 0; epoch < options.PretrainingEpochs; epoch++)
        {
            data.Reset(epoch);
            double loss = 0, weight = 0;
            long epochRows = 0;
            int rows;
            while ((rows = data.NextBatch(batch, autoencoder.X, autoencoder.W)) > 0)
            {
                (double rec, _, double w) = autoencoder.Step(rows, null, 0, step, encoderAdam, decoderAdam, lr);
                loss += rec * w;
                weight += w;
                epochRows += rows;
                step++;
                monitor?.Report(new TrainingProgress(epoch, totalEpochs, step, epochRows, loss / Math.Max(weight, double.Epsilon),
                    null, null, 0, false, clock.Elapsed));
            }
            loss /= Math.Max(weight, double.Epsilon);
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"NeuralKMeans' autoencoder diverged in pre-training epoch {epoch + 1} (loss {loss}); lower AutoencoderLearningRate.");
            monitor?.Report(new TrainingProgress(epoch, totalEpochs, step, epochRows, loss, null, null, 0, true, clock.Elapsed));
        }

        // Restarts pick the seeding: k-means++ then batch k-means on the pre-trained codes, lowest k-means objective
        // kept. Comparing whole alternating runs instead would compare different encoders, whose L differs by
        // reconstruction noise far larger than γ·L_clu (a run that merged two clusters won the comparison on blobs).
        float[] codes = new float[data.SampleRows * m];
        new EncoderPrototypeMap(encoder, spherical).Map(data.Sample, codes, data.SampleRows, d);
        (float[] prototypes, int bestRestart, double[] objectives) = PrototypeRestarts.Run(options.NumberOfRestarts, restart =>
        {
            float[] seeds = KMeansPlusPlus.Seed(codes, data.SampleWeights, data.SampleRows, m, k,
                NeuralKMeansFit.Mix(useed, 16 + (ulong)restart), backend);
            if (spherical)
                NeuralKMeansSteps.NormalizeRows(seeds, m);
            return (seeds, LatentLloyd.Run(codes, data.SampleWeights, data.SampleRows, m, seeds, spherical, SeedingIterations, backend));
        });

        var seen = new double[k];
        var epochWeight = new double[k];
        var history = new List<double>();
        long centreSteps = 0;
        double previous = double.PositiveInfinity;
        int epochsRun = 0;
        for (int epoch = 0; epoch < options.NumberOfEpochs; epoch++)
        {
            int globalEpoch = options.PretrainingEpochs + epoch;
            bool centreEpoch = epoch % 2 == 0;
            if (epoch > 0)
            {
                // As the shallow fit: a prototype remembers the weight of the last epoch it moved in only (odd epochs
                // move none, so they leave the memory as it is).
                for (int j = 0; j < k; j++)
                {
                    if (epochWeight[j] > 0)
                        seen[j] = epochWeight[j];
                    epochWeight[j] = 0;
                }
            }
            data.Reset(globalEpoch);
            double objective = 0, weight = 0;
            long epochRows = 0;
            int rows;
            while ((rows = data.NextBatch(batch, autoencoder.X, autoencoder.W)) > 0)
            {
                (double rec, double clu, double w) = autoencoder.Step(rows, prototypes, centreEpoch ? 0 : gamma, step, encoderAdam,
                    decoderAdam, lr);
                objective += (rec + gamma * clu) * w;
                weight += w;
                if (centreEpoch)
                {
                    if (spherical)
                    {
                        double eta = options.DecayPrototypeStep
                            ? options.PrototypeStep / (1.0 + (double)centreSteps / batchesPerEpoch)
                            : options.PrototypeStep;
                        NeuralKMeansSteps.Spherical(prototypes, autoencoder.Sums, autoencoder.ClusterWeights, m, eta);
                    }
                    else
                    {
                        NeuralKMeansSteps.Euclidean(prototypes, seen, autoencoder.Sums, autoencoder.ClusterWeights, m);
                        for (int j = 0; j < k; j++)
                            epochWeight[j] += autoencoder.ClusterWeights[j];
                    }
                    centreSteps++;
                }
                step++;
                epochRows += rows;
                monitor?.Report(new TrainingProgress(globalEpoch, totalEpochs, step, epochRows,
                    objective / Math.Max(weight, double.Epsilon), null, null, 0, false, clock.Elapsed));
            }
            objective /= Math.Max(weight, double.Epsilon);
            epochsRun = epoch + 1;
            monitor?.Report(new TrainingProgress(globalEpoch, totalEpochs, step, epochRows, objective, null, null, 0, true, clock.Elapsed));
            if (!double.IsFinite(objective))
                throw new InvalidOperationException($"NeuralKMeans diverged at epoch {epoch + 1} (objective {objective}); lower AutoencoderLearningRate.");
            history.Add(objective);
            // Alternating epochs optimise different parts, so early stopping compares pairs (centre + encoder epoch)
            // and never stops inside a pair; the first pair has nothing to compare with.
            if (epoch % 2 == 1)
            {
                double pair = history[epoch - 1] + objective;
                bool stalled = epoch > 1 && previous - pair <= options.OptimizationTolerance * previous;
                previous = pair;
                if (options.OptimizationTolerance > 0 && stalled)
                    break;
            }
        }

        // The kept restart's objective is re-measured after the alternating epochs (the mean squared latent distance to
        // the nearest prototype, as the shallow report's); the others keep their seeding objective and ran no epoch.
        objectives[bestRestart] = Measure(autoencoder, prototypes, batch);
        var epochs = new int[options.NumberOfRestarts];
        epochs[bestRestart] = epochsRun;
        var histories = new double[options.NumberOfRestarts][];
        for (int r = 0; r < histories.Length; r++)
            histories[r] = r == bestRestart ? history.ToArray() : [];
        var report = new NeuralKMeansTrainingReport(objectives, epochs, histories, bestRestart, data.Rows, data.Streamed, clock.Elapsed);
        return new Result(encoder, decoder, prototypes, report);

        double Measure(DeepAutoencoderStep run, float[] centres, int size)
        {
            data.Reset(0);
            double objective = 0, weight = 0;
            int rows;
            while ((rows = data.NextBatch(size, run.X, run.W)) > 0)
            {
                (_, double clu, double w) = run.Evaluate(rows, centres);
                objective += clu * w;
                weight += w;
            }
            return objective / Math.Max(weight, double.Epsilon);
        }
    }
}
