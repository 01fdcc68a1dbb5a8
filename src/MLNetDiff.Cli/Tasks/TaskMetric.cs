namespace MLNetDiff.Cli.Tasks;

/// <summary>One metric column of a comparison: its name in tables (ML.NET's metric name), its JSON property, whether
/// higher is better, and a short header for narrow terminals.</summary>
internal sealed record TaskMetric(string Name, string JsonName, bool HigherIsBetter, string ShortName);
