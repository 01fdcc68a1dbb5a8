namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>One trainer fitted with one seed: its scores, or why it failed; the assignment (cluster of each row, 0-based)
/// and prototypes for the picture.</summary>
internal sealed record ClusteringRun(string Trainer, int Seed, ClusteringScores? Scores, string? Error, int[]? Assignment,
    float[][]? Prototypes)
{
    public bool Failed => Scores is null;
}
