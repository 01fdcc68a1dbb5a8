using System.Collections.Generic;

namespace MLNetDiff.Cli.Comparison;

/// <summary>One trainer on one test fold: the task's metrics (in <see cref="Tasks.TaskDescriptor.Metrics"/> order) and
/// the seconds of the fit.</summary>
internal sealed record FoldResult(IReadOnlyList<double> Metrics, double TrainSeconds);
