using System;
using System.Globalization;
using System.Diagnostics;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// One GFSNetwork training run on in-memory rows (specs/gfsnetwork.md §3): standardise, build the gate and the task
/// network, train both jointly with two Adam groups on task loss + λ·selection term, anneal τ per epoch, then read the
/// subset off the logits (<see cref="GumbelSelectionRules"/>).
/// </summary>
internal static class GumbelSelectionFit
{
    /// <summary>The seed of the batch order for a fit seeded with <paramref name="seed"/>.</summary>
    public static ulong OrderSeed(int seed) => Mix((ulong)(uint)seed, 4);

    /// <param name="source">The rows: features (raw), labels (class index 0..C−1, or the regression target), optional
    /// weights; in memory or streamed. It is read once for the statistics, then once per epoch.</param>
    /// <param name="classCount">C ≥ 2 for classification; 0 for regression.</param>
    /// <param name="inputColumn">The input column's name, for errors.</param>
    /// <param name="labelColumn">The label column's name, for errors.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="seed">Seed of the embedding, initialisation and noise (the order's is <see cref="OrderSeed"/>).</param>
    /// <param name="monitor">Gets a report after every step and at every epoch end; null for none.</param>
    /// <param name="threshold">The deterministic rule keeps w &gt; threshold (see <see cref="GumbelNullCalibration"/>).</param>
    public static GumbelSelectionResult Run(BatchSource source, int classCount, string inputColumn, string labelColumn,
        GumbelFeatureSelectionEstimator.Options options, int seed, IProgress<TrainingProgress>? monitor = null,
        float threshold = 0f)
    {
        var clock = Stopwatch.StartNew();
        int d = source.FeatureCount;
        bool classification = classCount > 0;
        ulong useed = (ulong)(uint)seed;
        var stats = GumbelDataStatistics.Compute(source, classCount, Math.Clamp(options.BatchSize, 256, 4096));
        if (stats.Rows == 0)
            throw new InvalidOperationException($"The data has no rows (input column '{inputColumn}'); GFSNetwork feature selection needs training rows.");
        double[] classWeights = classification ? ClassWeights(stats, classCount, labelColumn, options.ClassWeighting) : [];

        KernelBackend backend = KernelBackends.Default;
        if (options.MaxThreads is int threads)
            backend = backend.WithMaxThreads(threads);
        var gate = GumbelGate.Create(d, options.EmbeddingSize, options.NoiseKind, Mix(useed, 1), backend);
        int outputs = classification ? classCount : 1;
        // The gate, the task network and the two Adam groups (spec §3.3) of Sequential([gate, Linear(D, H, ReLU),
        // Linear(H, H, ReLU), Linear(H, C)]), computed without the work that form spends on W_m and ∂L/∂x̃
        // (GumbelTrainingNetwork; the same initialisation and noise streams).
        var network = new GumbelTrainingNetwork(gate, options.HiddenSize, outputs, backend, Mix(useed, 2), Mix(useed, 3))
        {
            Penalty = new GumbelPenalty(options.PenaltyMode, options.Balance),
        };

        Loss loss = classification ? new SoftmaxCrossEntropyLoss() : new MeanSquaredErrorLoss();
        float maskRate = (float)options.MaskLearningRate, taskRate = (float)options.TaskLearningRate;

        int batch = (int)Math.Min(options.BatchSize, stats.Rows);
        var bx = new float[batch * d];
        var by = new float[batch];
        var bw = new float[batch];
        var dOut = new float[batch * outputs];
        long step = 0;
        double lastEpochLoss = double.NaN;
        for (int epoch = 0; epoch < options.NumberOfEpochs; epoch++)
        {
            network.Temperature = (float)GumbelTemperature.At(epoch, options.TemperatureStart, options.TemperatureDecay);
            network.StraightThrough = options.StraightThroughFromEpoch is int hardFrom && epoch >= hardFrom;
            source.Reset(epoch);
            double epochLoss = 0;
            long epochRows = 0;
            int rows;
            while ((rows = NextBatch(source, batch, bx, by, bw)) > 0)
            {
                PrepareBatch(stats, options, classWeights, rows, bx, by, bw);
                ReadOnlySpan<float> output = network.Forward(bx, rows, step);
                double taskLoss = loss.Compute(backend, output, by.AsSpan(0, rows), bw.AsSpan(0, rows), rows, outputs,
                    dOut.AsSpan(0, rows * outputs));
                double total = taskLoss + network.Penalty.Value(network.LastMeanMask, d);
                if (!double.IsFinite(total))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"GFSNetwork training diverged at epoch {epoch + 1}, step {step + 1} (loss {total}); lower the learning rates or standardise the label."));
                network.Backward(bx, dOut.AsSpan(0, rows * outputs), rows);
                network.Update(maskRate, taskRate);
                step++;
                epochLoss += total * rows;
                epochRows += rows;
                monitor?.Report(new TrainingProgress(epoch, options.NumberOfEpochs, step, epochRows, epochLoss / epochRows,
                    null, null, 0, false, clock.Elapsed));
            }
            lastEpochLoss = epochLoss / Math.Max(1, epochRows);
            // No validation metric: the monitor would label the soft mask size "validation", which it is not.
            monitor?.Report(new TrainingProgress(epoch, options.NumberOfEpochs, step, epochRows, lastEpochLoss,
                null, null, 0, true, clock.Elapsed));
        }

        var logits = new float[d];
        network.CopyLogits(logits);
        int[]? votes = options.SelectionRule == GumbelSelectionRule.GumbelVote
            ? GumbelSelectionRules.Votes(gate, backend, logits, Mix(useed, 5), votesToDraw: (int)((stats.Rows + batch - 1) / batch))
            : null;
        (int[] selected, bool collapsed) = GumbelSelectionRules.Select(logits, votes, options.MinimumFeatureCount,
            options.MaximumFeatureCount, threshold);
        return new GumbelSelectionResult(logits, votes, selected, collapsed, options.NumberOfEpochs, step, lastEpochLoss,
            clock.Elapsed);
    }

    private static int NextBatch(BatchSource source, int batch, Span<float> x, Span<float> y, Span<float> w)
    {
        if (source.HasWeights)
            return source.NextBatch(batch, x, y, w);
        int rows = source.NextBatch(batch, x, y);
        w.Slice(0, rows).Fill(1f);
        return rows;
    }

    /// <summary>Standardises the batch (spec §3.1: the raw X stays what the transformer reads) and the regression label,
    /// and multiplies the row weights by the class weights (spec §2.4); the loss divides by the batch's weight sum, the
    /// reference's weighted mean.</summary>
    private static void PrepareBatch(GumbelDataStatistics stats, GumbelFeatureSelectionEstimator.Options options,
        double[] classWeights, int rows, Span<float> x, Span<float> y, Span<float> w)
    {
        if (options.Standardize)
            stats.Standardize(x, rows);
        if (classWeights.Length > 0)
        {
            for (int r = 0; r < rows; r++)
                w[r] = (float)(w[r] * classWeights[(int)y[r]]);
        }
        else if (options.StandardizeLabel)
        {
            for (int r = 0; r < rows; r++)
                y[r] = (float)((y[r] - stats.LabelMean) * stats.LabelScale);
        }
    }

    private static double[] ClassWeights(GumbelDataStatistics stats, int classCount, string labelColumn, GumbelClassWeighting weighting)
    {
        double[] counts = stats.ClassCounts;
        int present = 0;
        foreach (double c in counts)
            present += c > 0 ? 1 : 0;
        if (present < 2)
            throw new InvalidOperationException(
                $"The label column '{labelColumn}' holds only one class in {stats.Rows} rows; GFSNetwork feature selection needs at least two classes.");
        double n = stats.Rows;
        var weights = new double[classCount];
        for (int c = 0; c < classCount; c++)
        {
            double frequency = counts[c] / n;
            weights[c] = weighting switch
            {
                GumbelClassWeighting.Balanced => frequency > 0 ? 1 / (classCount * frequency) : 0,
                GumbelClassWeighting.ReferenceReversed => counts[classCount - 1 - c] / n,
                _ => 1,
            };
        }
        return weights;
    }

    // SplitMix64 finaliser over (seed, stream): independent Philox keys for the embedding, initialisation, order, votes.
    private static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
