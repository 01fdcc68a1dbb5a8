using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Output;

/// <summary>What <c>evaluate</c> reports.</summary>
internal sealed record EvaluationResult(string Model, string Dataset, int Rows, int Positives, ConfusionCounts Counts,
    double Auc, string Decision, string TaskReason);
