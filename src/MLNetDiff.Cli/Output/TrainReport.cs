using System;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Output;

/// <summary>Prints the summary of <c>train</c> as text or one JSON object.</summary>
internal static class TrainReport
{
    public static void Write(CliConsole console, bool json, TrainSummary s)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(s);
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("model", s.ModelPath);
                w.WriteString("dataset", s.Table.Name);
                w.WriteString("trainer", s.Settings.AnyLossName);
                w.WriteString("network", s.Settings.NetworkName);
                w.WriteString("metric", s.Settings.Metric.ToString());
                if (s.Settings.Metric == BinaryMetric.FBeta)
                    w.WriteNumber("beta", s.Settings.Beta);
                w.WriteNumber("rows", s.Table.RowCount);
                w.WriteNumber("features", s.Table.FeatureCount);
                w.WriteNumber("trainRows", s.Report.TrainRows);
                w.WriteNumber("validationRows", s.Report.ValidationRows);
                w.WriteNumberOrNull("trainingMetric", s.TrainingMetric);
                if (s.Report.ValidationMetric is { } v)
                {
                    w.WriteNumberOrNull("validationMetric", v);
                    w.WriteNumber("bestEpoch", s.Report.BestEpoch + 1); // 1-based, as the text says it
                }
                else
                {
                    w.WriteNull("validationMetric");
                    w.WriteNull("bestEpoch");
                }
                if (NoValidationReason(s) is { } reason)
                    w.WriteString("validationNote", reason);
                w.WriteNumber("epochs", s.Report.EpochsCompleted);
                w.WriteBoolean("stoppedEarly", s.Report.StoppedEarly);
                w.WriteNumber("batchSize", s.Report.BatchSize);
                w.WriteNumber("seconds", s.Seconds);
            });
            return;
        }
        var o = console.Out;
        o.WriteLine($"Trained {s.Settings.AnyLossName} ({s.Settings.NetworkName}) on {s.Table.Name}: {s.Table.RowCount} rows " +
            $"({s.Report.TrainRows} training, {s.Report.ValidationRows} validation), {s.Table.FeatureCount} features.");
        o.WriteLine($"Epochs: {s.Report.EpochsCompleted}{(s.Report.StoppedEarly ? " (stopped early)" : string.Empty)}, batch size {s.Report.BatchSize}.");
        o.WriteLine(s.Report.ValidationMetric is { } metric
            ? $"Validation {s.Settings.Metric}: {Format.Metric(metric)} (best epoch {s.Report.BestEpoch + 1} of {s.Report.EpochsCompleted}); training {s.Settings.Metric}: {Format.Metric(s.TrainingMetric)}"
            : $"Training {s.Settings.Metric}: {Format.Metric(s.TrainingMetric)} ({NoValidationReason(s) ?? "no validation rows; --validation-fraction 0.2 holds some out for early stopping"})");
        o.WriteLine($"Training time: {Format.Seconds(s.Seconds)} s");
        o.WriteLine($"Model saved to {s.ModelPath}");
    }

    /// <summary>Why a --validation-fraction the user gave held out no rows (null when it was not given or rows were held
    /// out). AnyLoss keeps every row for training unless both the training and the validation part get rows of each
    /// class (validating on one class cannot measure the metric).</summary>
    internal static string? NoValidationReason(TrainSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Settings.ValidationFraction is not ({ } fraction and > 0f) || s.Report.ValidationRows > 0)
            return null;
        string f = fraction.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"--validation-fraction {f} held out no rows: of the {s.Table.RowCount} rows ({s.Table.Negatives} of class 0, " +
            $"{s.Table.Positives} of class 1), a stratified {f} split does not leave rows of both classes in both the training " +
            "and the validation part, so every row trained and early stopping was off";
    }
}
