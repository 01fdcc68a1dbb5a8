using System;
using System.Globalization;
using System.Numerics;
using System.Threading;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// One ClAM training run (specs/clustering.md B4) over standardised in-memory rows from given initial prototypes:
/// per epoch a seeded shuffle, per batch masks (B3), T dynamics steps, the masked loss, BPTT and one Adam step on ρ;
/// the plateau schedule; the prototypes of the lowest-loss epoch. Restarts and initialisation are the caller's.
/// </summary>
internal static class ClamFit
{
    /// <param name="data">N×d row-major, already z-scored (B4.1: the caller owns the scaler, the model applies it).</param>
    /// <param name="rows">N ≥ 1.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="weights">N row weights (finite, ≥ 0, not all 0), or empty for all 1: a row's weight multiplies its
    /// terms in its batch's loss, normalised by the batch's weight sum (an integer weight = the row repeated).</param>
    /// <param name="initialPrototypes">K×d starting ρ (copied; k-means++ or data points, B8).</param>
    /// <param name="clusters">K ≥ 1.</param>
    /// <param name="options">Hyper-parameters (validated here).</param>
    /// <param name="seed">Seed of the shuffles and masks.</param>
    /// <param name="progress">Called at every epoch end on the training thread; null for none.</param>
    /// <param name="backend">Kernel backend; null = <see cref="KernelBackends.Default"/>.</param>
    /// <param name="cancellation">Checked before every batch; a cancel throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite (the message names epoch and
    /// batch; B4.6 aborts the configuration).</exception>
    public static ClamFitResult<T> Run<T>(ReadOnlySpan<T> data, int rows, int dimension, ReadOnlySpan<T> weights,
        ReadOnlySpan<T> initialPrototypes, int clusters, ClamFitOptions options, int seed,
        Action<ClamEpochReport>? progress = null, KernelBackend? backend = null, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1, nameof(dimension));
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1, nameof(clusters));
        int d = dimension, k = clusters;
        CheckInputs(data, rows, d, weights, initialPrototypes, k);
        backend ??= KernelBackends.Default;

        int batch = Math.Min(options.BatchSize, rows);
        var dynamics = new ClamDynamics<T>(k, d, options.Steps, options.Beta, options.Alpha, batch, backend);
        var masks = new ClamMaskSampler(backend, Mix((ulong)(uint)seed, 2), d, options.MaskProbability, batch);
        T[] fill = FillValues(data, rows, d, weights, options.MaskFill);
        T[] prototypes = initialPrototypes.Slice(0, k * d).ToArray(), best = (T[])prototypes.Clone();
        var gradient = new T[k * d];
        var adam = new ClamAdam<T>(k * d);
        var schedule = new ClamPlateauSchedule(options.LearningRate, options.PlateauFactor, options.PlateauPatience,
            options.PlateauMinDecrease, options.PlateauWindow);
        var order = new int[rows];
        var orderUniforms = new float[rows];
        T[] bx = new T[batch * d], bm = new T[batch * d], bv = new T[batch * d], bw = new T[weights.IsEmpty ? 0 : batch];
        ulong orderSeed = Mix((ulong)(uint)seed, 1);
        var losses = new double[options.Epochs];
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epoch = 0;
        ClamStopReason reason = ClamStopReason.EpochLimit;
        while (epoch < options.Epochs)
        {
            Shuffle(backend, orderSeed, epoch, order, orderUniforms);
            bool shared = options.MaskChangeCycle > 0 && (epoch + 1) % options.MaskChangeCycle == 0;
            double learningRate = schedule.LearningRate, epochLoss = 0;
            for (int start = 0, batchIndex = 0; start < rows; start += batch, batchIndex++)
            {
                cancellation.ThrowIfCancellationRequested();
                int n = Math.Min(batch, rows - start);
                for (int b = 0; b < n; b++)
                {
                    int r = order[start + b];
                    data.Slice(r * d, d).CopyTo(bx.AsSpan(b * d, d));
                    if (bw.Length > 0)
                        bw[b] = weights[r];
                }
                masks.Draw<T>(bx, n, shared, fill, bm, bv);
                dynamics.Forward(prototypes, bv, bm, n);
                double loss = dynamics.Loss(bx, bw.Length > 0 ? bw.AsSpan(0, n) : default);
                if (!double.IsFinite(loss))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"ClAM training diverged at epoch {epoch + 1}, batch {batchIndex + 1}: the loss is {loss}. Lower the learning rate ({learningRate:G4}) or beta ({options.Beta:G4}), or check that the features are standardised."));
                dynamics.Backward(prototypes, gradient);
                adam.Update(prototypes, gradient, learningRate);
                epochLoss += loss;
            }
            losses[epoch] = epochLoss;
            epoch++;
            if (epochLoss < bestLoss)
            {
                bestLoss = epochLoss;
                bestEpoch = epoch;
                prototypes.CopyTo(best, 0);
            }
            double next = schedule.Next(epochLoss);
            progress?.Invoke(new ClamEpochReport(epoch, options.Epochs, epochLoss, next, bestEpoch, bestLoss));
            if (next < options.MinLearningRate)
            {
                reason = ClamStopReason.LearningRateFloor;
                break;
            }
            if (options.EarlyStoppingPatience is int patience && epoch - bestEpoch >= patience)
            {
                reason = ClamStopReason.NoImprovement;
                break;
            }
        }
        return new ClamFitResult<T>(best, bestEpoch, bestLoss, losses[..epoch], schedule.LearningRate, reason);
    }

    /// <summary>The masked coordinates' start values per feature (B3 mask_value); the mean is weighted.</summary>
    internal static T[] FillValues<T>(ReadOnlySpan<T> data, int rows, int d, ReadOnlySpan<T> weights, ClamMaskFill kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fill = new T[d];
        if (kind == ClamMaskFill.Zero)
            return fill;
        var acc = new double[d];
        double weightSum = 0;
        acc.AsSpan().Fill(kind switch { ClamMaskFill.Max => double.NegativeInfinity, ClamMaskFill.Min => double.PositiveInfinity, _ => 0 });
        for (int r = 0; r < rows; r++)
        {
            double w = weights.IsEmpty ? 1 : double.CreateTruncating(weights[r]);
            weightSum += w;
            for (int i = 0; i < d; i++)
            {
                double x = double.CreateTruncating(data[r * d + i]);
                acc[i] = kind switch { ClamMaskFill.Max => Math.Max(acc[i], x), ClamMaskFill.Min => Math.Min(acc[i], x), _ => acc[i] + w * x };
            }
        }
        for (int i = 0; i < d; i++)
            fill[i] = T.CreateTruncating(kind == ClamMaskFill.Mean ? acc[i] / weightSum : acc[i]);
        return fill;
    }

    // Epoch order: a Fisher–Yates shuffle of 0..N−1 from Philox uniforms at offset epoch·N, a pure function of
    // (seed, epoch). 24-bit uniforms: picks are uniform up to N·2^-24.
    private static void Shuffle(KernelBackend backend, ulong seed, int epoch, int[] order, float[] uniforms)
    {
        int n = order.Length;
        for (int i = 0; i < n; i++)
            order[i] = i;
        backend.RandomUniform(seed, (ulong)epoch * (ulong)n, uniforms);
        for (int i = n - 1; i > 0; i--)
        {
            int j = Math.Min(i, (int)(uniforms[i] * (i + 1)));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static void CheckInputs<T>(ReadOnlySpan<T> data, int rows, int d, ReadOnlySpan<T> weights,
        ReadOnlySpan<T> initialPrototypes, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data.Length < (long)rows * d)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'data' holds {data.Length} values; {rows} rows of {d} features need {(long)rows * d}."), nameof(data));
        if (initialPrototypes.Length < k * d)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'initialPrototypes' holds {initialPrototypes.Length} values; {k} prototypes of {d} features need {k * d}."), nameof(initialPrototypes));
        for (int i = 0; i < rows * d; i++)
        {
            if (!T.IsFinite(data[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The feature at row {i / d}, slot {i % d} is {data[i]}; ClAM needs finite features."), nameof(data));
        }
        for (int i = 0; i < k * d; i++)
        {
            if (!T.IsFinite(initialPrototypes[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Initial prototype {i / d}, slot {i % d} is {initialPrototypes[i]}; it must be finite."), nameof(initialPrototypes));
        }
        if (weights.IsEmpty)
            return;
        if (weights.Length < rows)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'weights' holds {weights.Length} values; {rows} rows need {rows}."), nameof(weights));
        bool any = false;
        for (int r = 0; r < rows; r++)
        {
            if (!T.IsFinite(weights[r]) || weights[r] < T.Zero)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The weight of row {r} is {weights[r]}; weights must be finite and non-negative."), nameof(weights));
            any |= weights[r] > T.Zero;
        }
        if (!any)
            throw new ArgumentException("Every row weight is 0; ClAM needs at least one row with a positive weight.", nameof(weights));
    }

    // SplitMix64 finaliser over (seed, stream): independent Philox keys for the order (1) and the masks (2).
    private static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
