using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>Fits every trainer with every seed on all rows of <see cref="ClusteringData"/> (clustering is unsupervised:
/// there is no held-out part to predict) and scores the assignment of those rows: NMI, ARI and accuracy against the
/// label when there is one, silhouette and Davies–Bouldin on the z-scored features the trainers saw.</summary>
internal sealed class ClusteringRunner
{
    private readonly ClusteringData _data;
    private readonly IReadOnlyList<ClusteringTrainer> _trainers;
    private readonly int _clusters;
    private readonly int? _silhouetteSample;

    public ClusteringRunner(ClusteringData data, IReadOnlyList<ClusteringTrainer> trainers, int clusters, int? silhouetteSample)
    {
        _data = data;
        _trainers = trainers;
        _clusters = clusters;
        _silhouetteSample = silhouetteSample;
    }

    /// <summary>Runs in seed-major order; <paramref name="progress"/> gets (runs done, what runs next).</summary>
    public IReadOnlyList<ClusteringRun> Run(IReadOnlyList<int> seeds, Action<int, string>? progress = null)
    {
        var runs = new List<ClusteringRun>();
        foreach (int seed in seeds)
        {
            foreach (ClusteringTrainer trainer in _trainers)
            {
                progress?.Invoke(runs.Count, $"{trainer.Name}, seed {seed}");
                runs.Add(RunOne(trainer, seed));
            }
        }
        progress?.Invoke(runs.Count, "done");
        return runs;
    }

    private ClusteringRun RunOne(ClusteringTrainer trainer, int seed)
    {
        var ml = new MLContext(seed);
        IDataView view = _data.View(ml);
        ITransformer fitted;
        var watch = Stopwatch.StartNew();
        try
        {
            fitted = trainer.Create(ml, _clusters, seed).Fit(view);
        }
#pragma warning disable CA1031 // A trainer that fails is a row of the report, not the end of the comparison.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return new ClusteringRun(trainer.Name, seed, null, $"{e.Message} ({e.GetType().Name})", null, null);
        }
        double seconds = watch.Elapsed.TotalSeconds;
        // PredictedLabel is the key of the nearest prototype, 1-based.
        int[] assignment = fitted.Transform(view).GetColumn<uint>(ColumnNames.PredictedLabel).Select(k => (int)k - 1).ToArray();
        float[][] prototypes = trainer.Prototypes(fitted);
        return new ClusteringRun(trainer.Name, seed, Score(assignment, seconds, seed), null, assignment, prototypes);
    }

    private ClusteringScores Score(int[] assignment, double seconds, int seed)
    {
        double nmi = double.NaN, ari = double.NaN, acc = double.NaN;
        if (_data.Labels is { } labels)
        {
            nmi = ClusteringAgreement.NormalizedMutualInformation(labels, assignment);
            ari = ClusteringAgreement.AdjustedRandIndex(labels, assignment);
            acc = ClusteringAgreement.Accuracy(labels, assignment);
        }
        int found = assignment.Distinct().Count();
        double silhouette = double.NaN, daviesBouldin = double.NaN;
        // Both need 2 to n − 1 clusters; a fit that collapsed to one cluster has neither.
        if (found >= 2 && found < assignment.Length)
        {
            silhouette = ClusteringGeometry.Silhouette(_data.Features, _data.Dimension, assignment, _silhouetteSample, seed);
            daviesBouldin = ClusteringGeometry.DaviesBouldin(_data.Features, _data.Dimension, assignment);
        }
        return new ClusteringScores(nmi, ari, acc, silhouette, daviesBouldin, seconds, found);
    }
}
