using System.Collections.Generic;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Comparison;

/// <summary>The outcome of <c>compare &lt;task&gt;</c>. <paramref name="AnyLoss"/> holds the settings of the AnyLoss rows
/// (binary only; null for tasks without them).</summary>
internal sealed record ComparisonResult(TaskDescriptor Task, CsvTable Table, int Folds, int Seed, AnyLossSettings? AnyLoss,
    IReadOnlyList<TrainerResult> Results);
