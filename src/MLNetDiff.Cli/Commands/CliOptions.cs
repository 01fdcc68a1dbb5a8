using System;
using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Commands;

/// <summary>Option factories shared by the commands (each command gets its own instances). --dataset and --label-col are
/// the names ML.NET's own mlnet CLI uses.</summary>
internal static class CliOptions
{
    /// <summary>Largest --epochs: far beyond any useful run, small enough that epoch counters cannot overflow.</summary>
    public const int MaxEpochs = 1_000_000;

    /// <summary>Largest --folds (each fold needs rows of both classes anyway).</summary>
    public const int MaxFolds = 1000;

    public static Option<string> Data() => new("--data", "--dataset")
    {
        Description = "CSV file: a header row, the label column, every other column numeric (features).",
        Required = true,
        HelpName = "file.csv",
    };

    public static Option<string> Label() => new("--label", "--label-col")
    {
        Description = "Name of the label column (values 0/1 or false/true).",
        DefaultValueFactory = _ => "Label",
        HelpName = "column",
    };

    /// <summary>Largest --clusters.</summary>
    public const int MaxClusters = 10_000;

    /// <summary>--label without a default, for tasks that can run without a label (clustering).</summary>
    public static Option<string?> OptionalLabel() => new("--label", "--label-col")
    {
        Description = "Name of a label column (optional): left out of the features; its classes give the default --clusters " +
            "and ML.NET's evaluator reports NMI against them.",
        HelpName = "column",
    };

    public static Option<string> Group() => new("--group")
    {
        Description = "Name of the column that says which rows rank together (the query id); its rows must be consecutive. " +
            "Mapped to an ML.NET key (GroupId) and left out of the features.",
        Required = true,
        HelpName = "column",
    };

    public static Option<int?> Clusters() => new("--clusters")
    {
        Description = "Number of clusters k (≥ 2). Default: the number of classes of --label; required without a label.",
        HelpName = "k",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseInt(r, "--clusters", 2, MaxClusters),
    };

    public static Option<BinaryMetric> Metric() => new("--metric")
    {
        Description = $"Metric AnyLoss maximises: {MetricNames.Accepted}.",
        DefaultValueFactory = _ => BinaryMetric.F1,
        CustomParser = ParseMetric,
        HelpName = "name",
    };

    public static Option<double> Beta() => new("--beta")
    {
        Description = "β of --metric fbeta (> 1 favours recall).",
        DefaultValueFactory = _ => 1.0,
        CustomParser = r => ParseNumber(r, "--beta", 1.0, x => x > 0 && double.IsFinite(x), "a positive number"),
    };

    /// <summary>--hidden as text; <see cref="HiddenSizes"/> turns it into layer sizes (null: the trainer's default).</summary>
    public static Option<string?> Hidden()
    {
        var option = new Option<string?>("--hidden")
        {
            Description = "Hidden layer sizes, e.g. 64,32 ('linear' for none). Default: the AnyLoss default (one layer of 32).",
            HelpName = "sizes",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !HiddenLayers.TryParse(text, out _, out string error))
                r.AddError(error);
        });
        return option;
    }

    /// <summary>The layer sizes of a validated --hidden value; null when it was not given.</summary>
    public static int[]? HiddenSizes(string? text) =>
        text is null ? null : HiddenLayers.TryParse(text, out int[] sizes, out _) ? sizes : null;

    public static Option<int?> Epochs() => new("--epochs")
    {
        Description = "Training epochs (early stopping may end sooner). Default: the AnyLoss default (100).",
        HelpName = "n",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseInt(r, "--epochs", 1, MaxEpochs),
    };

    public static Option<float?> ValidationFraction() => new("--validation-fraction")
    {
        Description = "Fraction of the rows held out (stratified) for early stopping on the metric, in [0, 1). Default: the AnyLoss default (0: every row trains, no early stopping).",
        HelpName = "f",
        CustomParser = r => r.Tokens.Count == 0 ? null
            : (float)ParseNumber(r, "--validation-fraction", 0, x => x >= 0 && x < 1, "in [0, 1)"),
    };

    public static Option<int> Folds() => new("--folds")
    {
        Description = "Number of stratified folds (≥ 2).",
        DefaultValueFactory = _ => 5,
        CustomParser = r => r.Tokens.Count == 0 ? 5 : ParseInt(r, "--folds", 2, MaxFolds),
    };

    public static Option<int> Seed() => new("--seed")
    {
        CustomParser = r => r.Tokens.Count == 0 ? 1 : ParseInt(r, "--seed", int.MinValue, int.MaxValue),
        Description = "Random seed (weights, validation split, folds).",
        DefaultValueFactory = _ => 1,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object instead of text.",
    };

    public static Option<bool> ThresholdSearch() => new("--threshold-search")
    {
        Description = "Also run AnyLoss with its threshold search (20 % of the training rows held out to pick the logit " +
            "threshold), reported as an extra row AnyLoss-<Metric>+ThresholdSearch.",
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "On failure, print the stack trace after the one-line message.",
        Recursive = true,
    };

    private static BinaryMetric ParseMetric(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
            return BinaryMetric.F1;
        string text = result.Tokens[0].Value;
        if (MetricNames.TryParse(text, out BinaryMetric metric))
            return metric;
        result.AddError($"Unknown metric '{text}'; use one of {MetricNames.Accepted}.");
        return default;
    }

    /// <summary>Parses an integer option; the error states the allowed range (a value beyond Int32 used to be called
    /// "not an integer").</summary>
    internal static int ParseInt(ArgumentResult result, string name, int minimum, int maximum)
    {
        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum && value <= maximum)
            return value;
        result.AddError($"{name} must be an integer in [{Format(minimum)}, {Format(maximum)}]; got '{text}'.");
        return minimum;
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes <c>--beta</c> without <c>--metric fbeta</c> a usage error: every other metric ignores β, and a
    /// silently ignored option looks like it did something.</summary>
    public static void RequireFBetaForBeta(Command command, Option<BinaryMetric> metric, Option<double> beta)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(r =>
        {
            if (r.GetResult(beta) is not { Implicit: false })
                return;
            // Without --metric the validator sees no parsed value, so the default is spelled out here.
            string? given = r.GetResult(metric) is { Implicit: false } m ? m.GetValueOrDefault<BinaryMetric>().ToString() : null;
            if (given != nameof(BinaryMetric.FBeta))
            {
                r.AddError("--beta applies only to --metric fbeta (it is the β of F-beta); --metric is " +
                    (given ?? $"{BinaryMetric.F1} (the default)") + ".");
            }
        });
    }

    internal static double ParseNumber(ArgumentResult result, string name, double defaultValue, Func<double, bool> valid, string expected)
    {
        if (result.Tokens.Count == 0)
            return defaultValue;
        string text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && valid(value))
            return value;
        result.AddError($"{name} must be {expected}; got '{text}'.");
        return defaultValue;
    }
}
