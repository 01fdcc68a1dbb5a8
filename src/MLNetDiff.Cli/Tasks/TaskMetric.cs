namespace MLNetDiff.Cli.Tasks;

/// <summary>One metric column of a comparison: its name in tables (ML.NET's metric name), its JSON property, and whether
/// higher is better.</summary>
internal sealed record TaskMetric(string Name, string JsonName, bool HigherIsBetter);
