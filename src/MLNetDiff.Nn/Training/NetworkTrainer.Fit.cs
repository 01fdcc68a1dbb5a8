using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.ML;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Losses;

namespace MLNetDiff.Nn.Training;

public sealed partial class NetworkTrainer
{
    private float[] _batchFeatures = [];
    private float[] _batchLabels = [];
    private float[] _batchWeights = [];
    private float[] _evalWeights = [];
    private float[] _evalOutputs = [];
    private float[] _evalLabels = [];
    private float[] _bestParameters = [];

    /// <summary>Trains on in-memory data. Validation data is <paramref name="validation"/>, else a split of
    /// <see cref="TrainingOptions.ValidationFraction"/> of <paramref name="train"/>, else none.</summary>
    /// <exception cref="ArgumentException">Invalid options or data shapes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked before every batch).</exception>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite.</exception>
    public TrainingResult Fit(InMemoryDataset train, InMemoryDataset? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ulong seed = (ulong)(uint)_options.Seed;
        BatchSource trainSource, validationSource;
        if (validation is null && _options.ValidationFraction > 0f)
        {
            (int[] trainRows, int[] validationRows) = DataSplit.Split(train, _options.ValidationFraction, seed, stratify: true);
            CheckSplit(trainRows.Length, validationRows.Length, train.RowCount);
            trainSource = new InMemoryBatchSource(train, _options.BatchOrder, seed, trainRows);
            validationSource = new InMemoryBatchSource(train, BatchOrder.Sequential, seed, validationRows);
            return Fit(trainSource, validationSource, progress, cancellationToken);
        }
        trainSource = new InMemoryBatchSource(train, _options.BatchOrder, seed);
        return Fit(trainSource, validation is null ? null : new InMemoryBatchSource(validation, BatchOrder.Sequential),
            progress, cancellationToken);
    }

    /// <summary>Trains on an ML.NET <see cref="IDataView"/>, read as <see cref="TrainingOptions.Data"/> says: cached in
    /// memory when it fits <see cref="DataOptions.CacheLimitBytes"/> (exact shuffles), streamed otherwise (memory bounded
    /// by the batch and the shuffle buffer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has an unsupported type (ML.NET's wording).</exception>
    /// <exception cref="ArgumentException">An option is invalid, or the data is weighted and the loss takes no weights.</exception>
    /// <exception cref="InvalidOperationException">The data has no rows, or a value is invalid (non-finite, negative
    /// weight, missing key, groups out of order), naming the column, the row and the slot; or the loss diverged.</exception>
    public TrainingResult Fit(IDataView train, IDataView? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        DataOptions dataOptions = _options.Data;
        ulong seed = (ulong)(uint)_options.Seed;
        InMemoryDataset? cached = DataViewLoader.TryLoadInMemory(train, dataOptions);
        var disposables = new List<IDisposable>();
        try
        {
            BatchSource? validationSource = null;
            if (validation is not null)
                validationSource = OpenValidation(validation, dataOptions, disposables);
            if (cached is not null)
            {
                if (validationSource is null && _options.ValidationFraction > 0f)
                    return Fit(cached, null, progress, cancellationToken);
                return Fit(new InMemoryBatchSource(cached, _options.BatchOrder, seed), validationSource, progress, cancellationToken);
            }

            StreamingBatchSource trainSource;
            if (validationSource is null && _options.ValidationFraction > 0f)
            {
                var (trainPart, validationPart) = DataViewLoader.CreateStreamingSplit(train, dataOptions,
                    _options.ValidationFraction, _options.BatchOrder, seed);
                disposables.Add(trainPart);
                disposables.Add(validationPart);
                trainSource = trainPart;
                validationSource = validationPart;
            }
            else
            {
                trainSource = DataViewLoader.CreateStreamingSource(train, dataOptions, _options.BatchOrder, seed);
                disposables.Add(trainSource);
            }
            return Fit(trainSource, validationSource, progress, cancellationToken);
        }
        finally
        {
            foreach (IDisposable disposable in disposables)
                disposable.Dispose();
        }
    }

    /// <summary>Trains on any batch source (the other overloads end here).</summary>
    /// <param name="train">Training batches; reset at the start of each epoch.</param>
    /// <param name="validation">Validation data for the validation loss, metric and early stopping; null for none.</param>
    /// <param name="progress">Receives a report every <see cref="TrainingOptions.ProgressInterval"/> steps and at each
    /// epoch end, synchronously on the training thread.</param>
    /// <param name="cancellationToken">Checked before every batch; cancellation throws
    /// <see cref="OperationCanceledException"/> and leaves the parameters of the last completed step.</param>
    public TrainingResult Fit(BatchSource train, BatchSource? validation, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckShapes(train, nameof(train));
        if (validation is not null)
            CheckShapes(validation, nameof(validation));
        if (_options.EarlyStoppingPatience is not null && validation is null)
            throw TrainingOptions.InvalidOption(nameof(TrainingOptions.EarlyStoppingPatience),
                $"{nameof(TrainingOptions.EarlyStoppingPatience)} needs validation data: pass validation data or set {nameof(TrainingOptions.ValidationFraction)}.");

        int batch = _options.BatchSize;
        EnsureLength(ref _batchFeatures, (long)batch * train.FeatureCount);
        EnsureLength(ref _batchLabels, (long)batch * train.LabelSize);
        bool weighted = train.HasWeights;
        if (weighted && !Loss.SupportsRowWeights)
            throw new ArgumentException($"The training data has row weights but the {Loss.Name} loss does not support them; remove the weight column or use a loss that does.", nameof(train));
        Span<float> batchWeights = weighted ? EnsureLength(ref _batchWeights, batch).AsSpan(0, batch) : default;
        long? rowsPerEpoch = train.RowCount ?? (train as StreamingBatchSource)?.CountRows();
        StartSchedule(rowsPerEpoch is long known ? (known + batch - 1) / batch : 1);

        var history = new List<EpochSummary>(_options.Epochs);
        var fitClock = Stopwatch.StartNew();
        long fitStartStep = Step, trainRows = 0, trainTicks = 0;
        var monitor = new EarlyStoppingMonitor(_options, validation is not null);
        bool stoppedEarly = false;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            long epochStart = Stopwatch.GetTimestamp();
            train.Reset(epoch);
            // The epoch's loss is the mean over its rows, each batch counting by its rows (unweighted) or its weight sum.
            double lossSum = 0, lossWeight = 0;
            long epochRows = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = weighted
                    ? train.NextBatch(batch, _batchFeatures, _batchLabels, batchWeights)
                    : train.NextBatch(batch, _batchFeatures, _batchLabels);
                if (rows == 0)
                    break;
                ReadOnlySpan<float> rowWeights = weighted ? batchWeights.Slice(0, rows) : default;
                double loss = TrainStep(_batchFeatures, _batchLabels, rowWeights, rows);
                if (!double.IsFinite(loss))
                    throw new InvalidOperationException(
                        $"Training diverged: the {Loss.Name} loss is {loss} at epoch {epoch}, step {Step}. Lower {nameof(TrainingOptions.LearningRate)}, set {nameof(TrainingOptions.GradientClipNorm)}, or check the data scale.");
                double share = weighted ? SumOf(rowWeights) : rows;
                lossSum += loss * share;
                lossWeight += share;
                epochRows += rows;
                if (progress is not null && _options.ProgressInterval > 0 && (Step - fitStartStep) % _options.ProgressInterval == 0)
                {
                    progress.Report(new TrainingProgress(epoch, _options.Epochs, Step, epochRows, MeanOf(lossSum, lossWeight),
                        null, null, Rate(epochRows, Stopwatch.GetTimestamp() - epochStart), false, fitClock.Elapsed));
                }
            }
            long trainEnd = Stopwatch.GetTimestamp();
            trainRows += epochRows;
            trainTicks += trainEnd - epochStart;

            double? validationLoss = null, validationMetric = null;
            if (validation is not null)
            {
                (double vLoss, double? vMetric) = EvaluateCore(validation, cancellationToken);
                validationLoss = vLoss;
                validationMetric = vMetric;
            }
            double trainLoss = epochRows == 0 ? double.NaN : MeanOf(lossSum, lossWeight);
            history.Add(new EpochSummary(epoch, trainLoss, validationLoss, validationMetric, epochRows,
                Stopwatch.GetElapsedTime(epochStart)));
            progress?.Report(new TrainingProgress(epoch, _options.Epochs, Step, epochRows, trainLoss, validationLoss,
                validationMetric, Rate(epochRows, trainEnd - epochStart), true, fitClock.Elapsed));

            if (validation is not null && monitor.Observe(epoch, validationMetric ?? validationLoss!.Value))
                Network.Parameters.CopyTo(EnsureLength(ref _bestParameters, Network.ParameterCount));
            if (monitor.ShouldStop)
            {
                stoppedEarly = epoch < _options.Epochs - 1;
                break;
            }
        }

        bool restored = false;
        if (_options.EarlyStoppingPatience is not null && _options.RestoreBestWeights && monitor.BestEpoch >= 0
            && monitor.BestEpoch != history.Count - 1)
        {
            Network.SetParameters(_bestParameters.AsSpan(0, Network.ParameterCount));
            restored = true;
        }
        return new TrainingResult(history, Step - fitStartStep, stoppedEarly, monitor.BestEpoch,
            monitor.BestEpoch >= 0 ? monitor.BestScore : null, restored, fitClock.Elapsed, trainRows,
            Stopwatch.GetElapsedTime(0, trainTicks));
    }

    private (double Loss, double? Metric) EvaluateCore(BatchSource data, CancellationToken cancellationToken)
    {
        int batch = Math.Max(_options.BatchSize, 1024);
        int outputs = Network.OutputSize, labelSize = data.LabelSize;
        EnsureLength(ref _batchFeatures, (long)batch * data.FeatureCount);
        EnsureLength(ref _batchLabels, (long)batch * labelSize);
        ValidationMetric? metric = _options.ValidationMetric;
        bool weighted = data.HasWeights && Loss.SupportsRowWeights;
        Span<float> batchWeights = weighted ? EnsureLength(ref _batchWeights, batch).AsSpan(0, batch) : default;
        data.Reset(0);
        double lossSum = 0, lossWeight = 0;
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = weighted
                ? data.NextBatch(batch, _batchFeatures, _batchLabels, batchWeights)
                : data.NextBatch(batch, _batchFeatures, _batchLabels);
            if (rows == 0)
                break;
            ReadOnlySpan<float> rowWeights = weighted ? batchWeights.Slice(0, rows) : default;
            ReadOnlySpan<float> output = Network.Forward(_batchFeatures, rows, training: false);
            double share = weighted ? SumOf(rowWeights) : rows;
            lossSum += Loss.Compute(Network.Backend, output, _batchLabels, rowWeights, rows, outputs, default) * share;
            lossWeight += share;
            if (metric is not null)
            {
                Append(ref _evalOutputs, total * outputs, output.Slice(0, rows * outputs));
                Append(ref _evalLabels, total * labelSize, _batchLabels.AsSpan(0, rows * labelSize));
                if (weighted)
                    Append(ref _evalWeights, total, rowWeights);
            }
            total += rows;
        }
        if (total == 0)
            throw new InvalidOperationException("The validation data has no rows.");
        double? score = metric?.Compute(_evalOutputs.AsSpan(0, (int)(total * outputs)),
            _evalLabels.AsSpan(0, (int)(total * labelSize)), weighted ? _evalWeights.AsSpan(0, (int)total) : default,
            (int)total, outputs);
        return (MeanOf(lossSum, lossWeight), score);
    }

    private static BatchSource OpenValidation(IDataView validation, DataOptions options, List<IDisposable> disposables)
    {
        InMemoryDataset? cached = DataViewLoader.TryLoadInMemory(validation, options);
        if (cached is not null)
            return new InMemoryBatchSource(cached, BatchOrder.Sequential);
        StreamingBatchSource stream = DataViewLoader.CreateStreamingSource(validation, options, BatchOrder.Sequential);
        disposables.Add(stream);
        return stream;
    }

    private static void CheckSplit(int trainRows, int validationRows, int total)
    {
        if (trainRows == 0 || validationRows == 0)
            throw TrainingOptions.InvalidOption(nameof(TrainingOptions.ValidationFraction),
                $"{nameof(TrainingOptions.ValidationFraction)} splits {total} rows into {trainRows} training and {validationRows} validation rows; both parts need at least one row.");
    }

    private static double SumOf(ReadOnlySpan<float> weights)
    {
        double sum = 0;
        foreach (float w in weights)
            sum += w;
        return sum;
    }

    private static double MeanOf(double sum, double weight) => weight > 0 ? sum / weight : 0;

    private static double Rate(long rows, long ticks) =>
        ticks <= 0 ? 0 : rows / Stopwatch.GetElapsedTime(0, ticks).TotalSeconds;

    private static float[] EnsureLength(ref float[] buffer, long length)
    {
        if (buffer.Length < length)
            buffer = new float[checked((int)length)];
        return buffer;
    }

    private static void Append(ref float[] buffer, long offset, ReadOnlySpan<float> values)
    {
        long needed = offset + values.Length;
        if (buffer.Length < needed)
        {
            var grown = new float[checked((int)Math.Max(needed, Math.Min(Array.MaxLength, 2L * buffer.Length)))];
            buffer.AsSpan(0, (int)offset).CopyTo(grown);
            buffer = grown;
        }
        values.CopyTo(buffer.AsSpan((int)offset));
    }
}
