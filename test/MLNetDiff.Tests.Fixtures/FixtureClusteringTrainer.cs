using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// K-means fixture: farthest-first seeds (the first is the row nearest the mean), then a fixed number of Lloyd
/// iterations. Deterministic; no label.
/// </summary>
public sealed class FixtureClusteringTrainer
    : TrainerEstimatorBase<ClusteringPredictionTransformer<FixtureCentroidModelParameters>, FixtureCentroidModelParameters>
{
    internal const string LoadName = "FixtureClustering";
    private static readonly TrainerInfo _info = new(normalization: false, caching: false);
    private readonly int _clusters;
    private readonly int _iterations;

    internal FixtureClusteringTrainer(IHostEnvironment env, string featureColumnName, int clusters, int iterations)
        : base(env.Register(LoadName), TrainerUtils.MakeR4VecFeature(featureColumnName), label: default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        _clusters = clusters;
        _iterations = iterations;
    }

    /// <inheritdoc/>
    public override TrainerInfo Info => _info;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Clustering;

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema)
    {
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, FeatureColumn.Name, "feature", nameof(inputSchema));
        return TrainerOutputColumns.Clustering();
    }

    /// <inheritdoc/>
    protected override RoleMappedData MakeRoles(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SchemaChecks.RequireKnownSizeSingleVector(data.Schema, FeatureColumn.Name, "feature", nameof(data));
        return base.MakeRoles(data);
    }

    /// <inheritdoc/>
    protected override ClusteringPredictionTransformer<FixtureCentroidModelParameters> MakeTransformer(
        FixtureCentroidModelParameters model, DataViewSchema trainSchema)
        => new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override FixtureCentroidModelParameters TrainModelCore(TrainContext trainContext)
    {
        InMemoryDataset data = RoleMappedTrainingData.Read(trainContext.TrainingSet, nameof(FixtureClusteringTrainer));
        if (data.RowCount < _clusters)
        {
            throw new InvalidOperationException(
                $"{nameof(FixtureClusteringTrainer)} needs at least as many rows as clusters ({_clusters}); got {data.RowCount} rows.");
        }
        int n = data.RowCount, d = data.FeatureCount;
        float[][] centroids = Seed(data);
        var assignment = new int[n];
        for (int iteration = 0; iteration < _iterations; iteration++)
        {
            for (int i = 0; i < n; i++)
                assignment[i] = Nearest(centroids, data.GetFeatures(i));
            var sums = new double[_clusters, d];
            var counts = new int[_clusters];
            for (int i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                ReadOnlySpan<float> row = data.GetFeatures(i);
                for (int j = 0; j < d; j++)
                    sums[assignment[i], j] += row[j];
            }
            for (int c = 0; c < _clusters; c++)
            {
                if (counts[c] == 0)
                    continue; // An empty cluster keeps its centroid.
                for (int j = 0; j < d; j++)
                    centroids[c][j] = (float)(sums[c, j] / counts[c]);
            }
        }
        return new FixtureCentroidModelParameters(Host, centroids);
    }

    private float[][] Seed(InMemoryDataset data)
    {
        int n = data.RowCount, d = data.FeatureCount;
        var mean = new float[d];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = data.GetFeatures(i);
            for (int j = 0; j < d; j++)
                mean[j] += row[j] / n;
        }
        var centroids = new float[_clusters][];
        var nearest = new float[n];
        int first = 0;
        for (int i = 1; i < n; i++)
        {
            if (FixtureMath.SquaredDistance(data.GetFeatures(i), mean) < FixtureMath.SquaredDistance(data.GetFeatures(first), mean))
                first = i;
        }
        centroids[0] = data.GetFeatures(first).ToArray();
        for (int i = 0; i < n; i++)
            nearest[i] = FixtureMath.SquaredDistance(data.GetFeatures(i), centroids[0]);
        for (int c = 1; c < _clusters; c++)
        {
            int far = 0;
            for (int i = 1; i < n; i++)
            {
                if (nearest[i] > nearest[far])
                    far = i;
            }
            centroids[c] = data.GetFeatures(far).ToArray();
            for (int i = 0; i < n; i++)
                nearest[i] = Math.Min(nearest[i], FixtureMath.SquaredDistance(data.GetFeatures(i), centroids[c]));
        }
        return centroids;
    }

    private static int Nearest(float[][] centroids, ReadOnlySpan<float> row)
    {
        int best = 0;
        float bestDistance = float.PositiveInfinity;
        for (int c = 0; c < centroids.Length; c++)
        {
            float distance = FixtureMath.SquaredDistance(row, centroids[c]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }
}
