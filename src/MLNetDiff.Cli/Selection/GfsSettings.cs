using System;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Selection;

/// <summary>The GFSNetwork options the CLI exposes (<c>select gfs</c>, <c>compare select</c>); null means the selector's
/// own default (docs/gfsnetwork.md), so the tool never restates a default that could drift from the component's.</summary>
internal sealed record GfsSettings(double Lambda, int? Epochs, int? BatchSize, int MinFeatures, int? MaxFeatures,
    GumbelNoiseKind Noise, GumbelSelectionRule Rule)
{
    private static readonly GumbelFeatureSelectionEstimator.Options Defaults = new();

    public int EpochCount => Epochs ?? Defaults.NumberOfEpochs;

    public int BatchRows => BatchSize ?? Defaults.BatchSize;

    /// <summary>The data-dependent checks (the ranges were checked when the command line was parsed): the minimum kept
    /// count cannot exceed the features there are.</summary>
    public void Check(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (MinFeatures > table.FeatureCount)
        {
            throw new CliException($"--min-features {MinFeatures} is more than the {table.FeatureCount} feature columns of '{table.Name}'; " +
                $"give at most {table.FeatureCount}.");
        }
    }

    /// <summary>The selector's options: Features → Features (the kept slots replace the vector, so a downstream trainer
    /// reads the usual column), the task's label column, seeded.</summary>
    public GumbelFeatureSelectionEstimator.Options CreateOptions(string labelColumn, int seed) => new()
    {
        OutputColumnName = ColumnNames.Features,
        InputColumnName = ColumnNames.Features,
        LabelColumnName = labelColumn,
        Balance = Lambda,
        NumberOfEpochs = EpochCount,
        BatchSize = BatchRows,
        MinimumFeatureCount = MinFeatures,
        MaximumFeatureCount = MaxFeatures,
        NoiseKind = Noise,
        SelectionRule = Rule,
        Seed = seed,
    };

    /// <summary>The selector for one fit.</summary>
    public GumbelFeatureSelectionEstimator CreateEstimator(MLContext ml, string labelColumn, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Transforms.FeatureSelection.SelectFeaturesGumbel(CreateOptions(labelColumn, seed));
    }

    /// <summary>The probability at which the deterministic rule's cut w = 0 lies: 1 − e⁻¹ for single Gumbel noise (the
    /// hard sample keeps w with probability 1 − exp(−e^w)), ½ for logistic noise.</summary>
    public double ProbabilityCut => Noise == GumbelNoiseKind.Logistic ? 0.5 : 1 - Math.Exp(-1);

    /// <summary>"--rule" word of the rule.</summary>
    public string RuleName => Rule switch
    {
        GumbelSelectionRule.GumbelVote => "vote",
        GumbelSelectionRule.NullCalibrated => "null",
        _ => "deterministic",
    };

    /// <summary>"--noise" word of the noise.</summary>
    public string NoiseName => Noise == GumbelNoiseKind.Logistic ? "logistic" : "gumbel";
}
