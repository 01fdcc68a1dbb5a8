using System;
using System.Collections.Generic;
using System.Linq;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>Everything <c>compare clustering</c> reports: the data, k, the seeds, every run, and per trainer the mean over
/// seeds (a trainer that failed on any seed has no means, only its first error).</summary>
internal sealed class ClusteringComparisonResult
{
    public ClusteringComparisonResult(ClusteringData data, int clusters, IReadOnlyList<int> seeds, IReadOnlyList<string> trainers,
        IReadOnlyList<ClusteringRun> runs, int? silhouetteSample)
    {
        Data = data;
        Clusters = clusters;
        Seeds = seeds;
        Runs = runs;
        SilhouetteSample = silhouetteSample;
        Trainers = trainers.Select(name =>
        {
            ClusteringRun[] mine = runs.Where(r => r.Trainer == name).ToArray();
            ClusteringRun? failed = mine.FirstOrDefault(r => r.Failed);
            if (failed is not null)
                return new TrainerSummary(name, null, $"seed {failed.Seed}: {failed.Error}");
            ClusteringScores[] s = mine.Select(r => r.Scores!).ToArray();
            return new TrainerSummary(name, new ClusteringScores(Mean(s, x => x.Nmi), Mean(s, x => x.Ari), Mean(s, x => x.Acc),
                Mean(s, x => x.Silhouette), Mean(s, x => x.DaviesBouldin), Mean(s, x => x.Seconds), s.Min(x => x.ClustersFound)), null);
        }).ToArray();
    }

    public ClusteringData Data { get; }

    public int Clusters { get; }

    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<ClusteringRun> Runs { get; }

    public int? SilhouetteSample { get; }

    /// <summary>Means over seeds, in trainer order (<see cref="ClusteringScores.ClustersFound"/>: the fewest any seed found).</summary>
    public IReadOnlyList<TrainerSummary> Trainers { get; }

    /// <summary>NaN when any seed's value is (a metric that is undefined for one fit is undefined for the mean).</summary>
    private static double Mean(ClusteringScores[] scores, Func<ClusteringScores, double> pick) => scores.Average(pick);

    /// <summary>One trainer's row.</summary>
    internal sealed record TrainerSummary(string Trainer, ClusteringScores? Mean, string? Error);
}
