using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using MLNetDiff.Cli.Selection;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Commands;

/// <summary>The GFSNetwork options shared by <c>select gfs</c> and <c>compare select</c>, each checked when the command
/// line is parsed with the allowed range in the message (exit code 2), plus <c>--task</c>.</summary>
internal sealed class SelectionOptions
{
    /// <summary>Largest --batch-size, --min-features and --max-features.</summary>
    public const int MaxCount = 1_000_000;

    private static readonly GumbelFeatureSelectionEstimator.Options Defaults = new();

    public Option<string?> Task { get; } = new("--task")
    {
        Description = "binary, multiclass or regression. Default: decided from the label (only 0/1 or false/true → binary; " +
            $"text or at most {SelectionTasks.MaxInferredClasses} distinct whole numbers → multiclass; other numbers → regression).",
        HelpName = "task",
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0)
                return null;
            string text = r.Tokens[0].Value;
            if (SelectionTasks.Names.Contains(text.ToLowerInvariant()))
                return text.ToLowerInvariant();
            r.AddError($"--task must be one of {string.Join(", ", SelectionTasks.Names)}; got '{text}'.");
            return null;
        },
    };

    public Option<double> Lambda { get; } = new("--lambda")
    {
        Description = $"λ, the price of a kept feature (≥ 0; larger keeps fewer). Default: {Defaults.Balance}.",
        HelpName = "λ",
        DefaultValueFactory = _ => Defaults.Balance,
        CustomParser = r => CliOptions.ParseNumber(r, "--lambda", Defaults.Balance, x => x >= 0 && double.IsFinite(x), "a finite number ≥ 0"),
    };

    public Option<int?> Epochs { get; } = new("--epochs")
    {
        Description = $"Training epochs of the selector, in [1, {CliOptions.MaxEpochs}]. Default: {Defaults.NumberOfEpochs}.",
        HelpName = "n",
        CustomParser = r => r.Tokens.Count == 0 ? null : CliOptions.ParseInt(r, "--epochs", 1, CliOptions.MaxEpochs),
    };

    public Option<int?> BatchSize { get; } = new("--batch-size")
    {
        Description = $"Rows per step (one mask per batch), in [1, {MaxCount}]. Default: {Defaults.BatchSize}.",
        HelpName = "rows",
        CustomParser = r => r.Tokens.Count == 0 ? null : CliOptions.ParseInt(r, "--batch-size", 1, MaxCount),
    };

    public Option<int> MinFeatures { get; } = new("--min-features")
    {
        Description = $"Fewest features kept (the top-ranked ones when the mask keeps fewer), in [1, {MaxCount}]. Default: {Defaults.MinimumFeatureCount}.",
        HelpName = "k",
        DefaultValueFactory = _ => Defaults.MinimumFeatureCount,
        CustomParser = r => r.Tokens.Count == 0 ? Defaults.MinimumFeatureCount : CliOptions.ParseInt(r, "--min-features", 1, MaxCount),
    };

    public Option<int?> MaxFeatures { get; } = new("--max-features")
    {
        Description = $"Most features kept (the top ones by logit), in [1, {MaxCount}]. Default: no cap.",
        HelpName = "k",
        CustomParser = r => r.Tokens.Count == 0 ? null : CliOptions.ParseInt(r, "--max-features", 1, MaxCount),
    };

    public Option<GumbelNoiseKind> Noise { get; } = new("--noise")
    {
        Description = "Noise of the relaxation: gumbel (one Gumbel draw, as the reference) or logistic. Default: gumbel.",
        HelpName = "gumbel|logistic",
        DefaultValueFactory = _ => GumbelNoiseKind.SingleGumbel,
        CustomParser = r => Word(r, "--noise", GumbelNoiseKind.SingleGumbel, ("gumbel", GumbelNoiseKind.SingleGumbel), ("logistic", GumbelNoiseKind.Logistic)),
    };

    public Option<GumbelSelectionRule> Rule { get; } = new("--rule")
    {
        Description = "How the subset is read off the logits: deterministic (keep w > 0, the paper's) or vote (the reference " +
            "code's noisy votes; keeps most features) or null (w above every logit of a second fit on permuted labels: finds nothing " +
            "in noise, but conservative; two fits). Default: deterministic.",
        HelpName = "deterministic|vote|null",
        DefaultValueFactory = _ => GumbelSelectionRule.Deterministic,
        CustomParser = r => Word(r, "--rule", GumbelSelectionRule.Deterministic, ("deterministic", GumbelSelectionRule.Deterministic), ("vote", GumbelSelectionRule.GumbelVote), ("null", GumbelSelectionRule.NullCalibrated)),
    };

    /// <summary>Adds the options and the --min-features ≤ --max-features check to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Task, Lambda, Epochs, BatchSize, MinFeatures, MaxFeatures, Noise, Rule })
            command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (r.GetResult(MaxFeatures) is not { Implicit: false } maxResult || maxResult.GetValueOrDefault<int?>() is not int max)
                return;
            int min = r.GetResult(MinFeatures) is { Implicit: false } minResult ? minResult.GetValueOrDefault<int>() : Defaults.MinimumFeatureCount;
            if (min > max)
                r.AddError($"--min-features ({min}) must be ≤ --max-features ({max}).");
        });
    }

    public GfsSettings Settings(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new GfsSettings(parse.GetValue(Lambda), parse.GetValue(Epochs), parse.GetValue(BatchSize), parse.GetValue(MinFeatures),
            parse.GetValue(MaxFeatures), parse.GetValue(Noise), parse.GetValue(Rule));
    }

    private static T Word<T>(ArgumentResult result, string name, T defaultValue, params (string Word, T Value)[] words)
    {
        if (result.Tokens.Count == 0)
            return defaultValue;
        string text = result.Tokens[0].Value;
        foreach ((string word, T value) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        result.AddError($"{name} must be one of {string.Join(", ", Array.ConvertAll(words, w => w.Word))}; got '{text}'.");
        return defaultValue;
    }
}
