using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Output;

/// <summary>What <c>select gfs</c> reports: the data, the task and why, the settings, the fitted selector, the seconds of
/// its fit, and the files written (null when not asked for).</summary>
internal sealed record GfsSelectionSummary(CsvTable Table, TaskDescriptor Task, string TaskReason, GfsSettings Settings, int Seed,
    GumbelFeatureSelectionTransformer Selector, double Seconds, string? ModelPath, string? PlotPath);
