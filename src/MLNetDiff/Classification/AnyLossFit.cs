using System;
using System.Diagnostics;
using MLNetDiff.Integration;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Classification;

/// <summary>One AnyLoss training run on in-memory rows: split, standardise, train with early stopping, optional
/// threshold search, then fold the threshold and the standardisation into the network.</summary>
internal sealed class AnyLossFit
{
    private AnyLossFit(Sequential network, AnyLossTrainingReport report)
    {
        Network = network;
        Report = report;
    }

    public Sequential Network { get; }

    public AnyLossTrainingReport Report { get; }

    /// <param name="train">Training rows.</param>
    /// <param name="validation">Explicit validation rows, or null (then a split of <paramref name="train"/>, if any).</param>
    /// <param name="options">The trainer's options.</param>
    /// <param name="seed">Seed of initialisation, split and batch order.</param>
    /// <param name="monitor">Gets a report after every step (cancellation checks) and at every epoch end; null for none.</param>
    public static AnyLossFit Run(InMemoryDataset train, InMemoryDataset? validation, AnyLossTrainer.Options options, int seed,
        IProgress<TrainingProgress>? monitor = null)
    {
        var clock = Stopwatch.StartNew();
        ulong useed = (ulong)(uint)seed;
        InMemoryDataset trainPart = train;
        InMemoryDataset? validPart = validation;
        if (validPart is null && options.ValidationFraction > 0f)
        {
            (int[] trainRows, int[] validationRows) = DataSplit.Split(train, options.ValidationFraction, useed, stratify: true);
            // Tiny data: keep every row for training rather than validate on rows of one class only.
            if (HasBothClasses(train, validationRows) && HasBothClasses(train, trainRows))
            {
                trainPart = train.Subset(trainRows);
                validPart = train.Subset(validationRows);
            }
        }

        FeatureStandardizer? standardizer = options.StandardizeFeatures ? FeatureStandardizer.Fit(trainPart) : null;
        InMemoryDataset trainData = standardizer?.Apply(trainPart) ?? trainPart;
        InMemoryDataset? validData = validPart is null ? null : standardizer?.Apply(validPart) ?? validPart;

        Sequential network = MultiLayerPerceptron.Create(train.FeatureCount, options.HiddenLayerSizes, 1,
            options.HiddenActivation, seed: useed);
        // Output layer starts at zero (spec §4: the reference perceptron starts at θ = 0): every row starts at p = 0.5,
        // in the middle of the amplifier's active zone. With a random output layer, rows with outlying features can
        // start saturated (|L·(p − 0.5)| ≫ 1), where ∂ŷ/∂z vanishes; a 5-fold run on page_blocks then collapsed to
        // "all positive" in one fold (F1 0.70 ± 0.29 instead of 0.83 ± 0.03).
        network.GetLayerParameters(network.Layers.Count - 1).Clear();
        Loss objective = options.UseCrossEntropyLoss
            ? new BinaryCrossEntropyWithLogitsLoss()
            : new AnyLossObjective(options.Metric, options.Amplification, options.Beta);
        int batchSize = options.BatchSize > 0 ? Math.Min(options.BatchSize, trainData.RowCount) : AutoBatchSize(trainData.RowCount);
        BinaryMetric metric = options.Metric;
        double beta = options.Beta;
        var trainingOptions = new TrainingOptions
        {
            Epochs = options.NumberOfEpochs,
            BatchSize = batchSize,
            LearningRate = options.LearningRate,
            WeightDecay = options.L2Regularization,
            Seed = seed,
            BatchOrder = BatchOrder.Stratified,
            // A report after every step: the monitor checks the host's cancellation there (within one step).
            ProgressInterval = monitor is null ? 0 : 1,
            EarlyStoppingPatience = validData is null ? null : options.EarlyStoppingPatience,
            RestoreBestWeights = true,
            ValidationMetric = new ValidationMetric(metric.ToString(),
                (outputs, labels, rows, outputSize) => ConfusionCounts.FromScores(outputs, labels, 0f).Compute(metric, beta),
                higherIsBetter: true),
        };
        TrainingResult result = new NetworkTrainer(network, objective, trainingOptions).Fit(trainData, validData, monitor);

        float threshold = 0f;
        double? validationMetric = null, afterThreshold = null;
        if (validData is not null)
        {
            var logits = new float[validData.RowCount];
            network.Predict(validData.Features, validData.RowCount, logits);
            validationMetric = ConfusionCounts.FromScores(logits, validData.Labels, 0f).Compute(metric, beta);
            if (options.ThresholdSearch)
            {
                (threshold, double best) = ThresholdSearch.Find(logits, validData.Labels, metric, beta);
                afterThreshold = best;
                ShiftOutputBias(network, threshold);
            }
        }
        standardizer?.FoldInto(network);

        var report = new AnyLossTrainingReport(batchSize, trainData.RowCount, validData?.RowCount ?? 0, result.EpochsCompleted,
            result.BestEpoch, result.StoppedEarly, validationMetric, threshold, afterThreshold, clock.Elapsed);
        return new AnyLossFit(network, report);
    }

    /// <summary>Spec §6 trains on 5 % of the rows per batch: soft counts need both classes in a batch. Below 64 rows
    /// per batch the counts get too noisy, above 1024 steps get too few.</summary>
    internal static int AutoBatchSize(int rows) => Math.Min(rows, Math.Clamp((int)Math.Ceiling(0.05 * rows), 64, 1024));

    private static void ShiftOutputBias(Sequential network, float threshold)
    {
        int last = network.Layers.Count - 1;
        if (network.Layers[last] is not Linear { HasBias: true } output)
            throw new InvalidOperationException("The output layer must be a Linear layer with a bias.");
        Span<float> p = network.GetLayerParameters(last);
        p[output.WeightCount] -= threshold;
    }

    private static bool HasBothClasses(InMemoryDataset data, int[] rows)
    {
        bool positive = false, negative = false;
        ReadOnlySpan<float> labels = data.Labels;
        foreach (int r in rows)
        {
            if (labels[r] > 0.5f)
                positive = true;
            else
                negative = true;
        }
        return positive && negative;
    }
}
