using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MLNetDiff.Cli.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>The trainers <c>compare clustering</c> runs, in report order; the first is the default --plot-trainer and the
/// baseline of the quality script. Adding a trainer is one entry in <see cref="All"/>: a
/// <see cref="ClusteringTrainer.Of{TModel}"/> with its estimator and its prototypes.</summary>
internal static class ClusteringTrainers
{
    public const string KMeansName = "KMeans";

    /// <summary>ML.NET's KMeans with its defaults but one thread: with more, its result depends on thread timing
    /// (spec clustering.md C7), and a comparison over seeds must be repeatable.</summary>
    public static ClusteringTrainer KMeans { get; } = ClusteringTrainer.Of<KMeansModelParameters>(KMeansName,
        (ml, k, _) => ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = ColumnNames.Features,
            NumberOfClusters = k,
            NumberOfThreads = 1,
        }),
        model =>
        {
            VBuffer<float>[] centroids = [];
            model.GetClusterCentroids(ref centroids, out int count);
            return centroids.Take(count).Select(c => c.DenseValues().ToArray()).ToArray();
        });

    public const string NeuralKMeansName = "NeuralKMeans";

    /// <summary>NeuralKMeans (TELL, shallow, Euclidean) with its defaults, except that it clusters the command's view as
    /// it is: the command has already normalised it (or kept pixel units with --normalize none) for every trainer, and
    /// the component's own standardisation would put this trainer alone in another space.</summary>
    public static ClusteringTrainer NeuralKMeans { get; } = ClusteringTrainer.Of<NeuralKMeansModelParameters>(NeuralKMeansName,
        (ml, k, seed) => ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            FeatureColumnName = ColumnNames.Features,
            NumberOfClusters = k,
            StandardizeFeatures = false,
            Seed = seed,
        }),
        model => model.GetPrototypes());

    public const string ClamName = "Clam";

    /// <summary>Clam (ClAM, associative-memory clustering) with its defaults (spec B6; 5 restarts kept by silhouette),
    /// on the command's view in its geometry: <see cref="ClamStandardization.SingleScale"/> only translates and
    /// uniformly scales it (on a z-scored view it is the identity up to rounding), which keeps which rows are near which,
    /// while β and the learning rate, set in standardised units, meet unit-sized features. On the pixel views
    /// (--normalize none: 0–16 for digits, 0–255 for MNIST) the dynamics in raw units measured NMI 0.635 on digits
    /// against 0.707 so (2 seeds).</summary>
    public static ClusteringTrainer Clam { get; } = ClusteringTrainer.Of<ClamModelParameters>(ClamName,
        (ml, k, seed) => ml.Clustering.Trainers.Clam(new ClamTrainer.Options
        {
            FeatureColumnName = ColumnNames.Features,
            NumberOfClusters = k,
            Standardization = ClamStandardization.SingleScale,
            Seed = seed,
        }),
        model => model.GetPrototypes());

    public static IReadOnlyList<ClusteringTrainer> All { get; } = [KMeans, NeuralKMeans, Clam];
}
