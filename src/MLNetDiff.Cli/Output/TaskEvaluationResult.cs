using System.Collections.Generic;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Output;

/// <summary>What <c>evaluate</c> reports for a non-binary model: the task it decided on and why, and one value per metric
/// of the task (<see cref="TaskDescriptor.Metrics"/> order).</summary>
internal sealed record TaskEvaluationResult(string Model, CsvTable Table, TaskDescriptor Task, string TaskReason,
    IReadOnlyList<double> Metrics);
