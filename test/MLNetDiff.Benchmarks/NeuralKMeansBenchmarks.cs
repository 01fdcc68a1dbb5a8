using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MLNetDiff.Clustering;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// NeuralKMeans (TELL, shallow, Euclidean, defaults, one kernel thread) against ML.NET's KMeans (NumberOfThreads = 1,
/// defaults) on a generated Gaussian mixture: N = 100,000 rows × D = 50, K = 10 (issue 9, "Speed"). Fit time of each on
/// the same cached IDataView, and scoring time of each fitted model over all rows (Transform + a cursor reading Score and
/// PredictedLabel); the ratios against KMeans are BenchmarkDotNet's Ratio column per category. A fit takes about a
/// second, so each case is one invocation per iteration.
/// </summary>
[NeuralKMeansBenchmarks.Job]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class NeuralKMeansBenchmarks
{
    /// <summary>One warm-up, one invocation per iteration, <c>MLND_NKM_ITERATIONS</c> iterations (default 5).</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class JobAttribute() : JobMutatorConfigBaseAttribute(BenchmarkDotNet.Jobs.Job.Default.WithWarmupCount(1)
        .WithIterationCount(Environment.GetEnvironmentVariable("MLND_NKM_ITERATIONS") is string v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 5)
        .WithInvocationCount(1).WithUnrollFactor(1));

    public const int Rows = 100_000;
    public const int Features = 50;
    public const int Clusters = 10;

    private MLContext _ml = null!;
    private IDataView _data = null!;
    private ITransformer _neural = null!;
    private ITransformer _kmeans = null!;

    public sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(1);
        SchemaDefinition schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features);
        _data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(Generate(Rows, Features, Clusters, seed: 1), schema));
        Drain(_data);
        _neural = NeuralKMeansFit();
        _kmeans = KMeansFit();
        var report = ((ClusteringPredictionTransformer<NeuralKMeansModelParameters>)_neural).Model.TrainingReport!;
        Console.WriteLine($"// NeuralKMeans: epochs per restart {string.Join(", ", report.Epochs)}, objective {report.Objective:F4}, "
            + $"ACC vs the mixture {Accuracy(_neural):F4}; KMeans ACC {Accuracy(_kmeans):F4}");
    }

    [Benchmark]
    [BenchmarkCategory("Fit")]
    public ITransformer NeuralKMeansFit()
        => _ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = Clusters, MaxThreads = 1, Seed = 1,
        }).Fit(_data);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Fit")]
    public ITransformer KMeansFit()
        => _ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = Clusters, NumberOfThreads = 1,
        }).Fit(_data);

    [Benchmark]
    [BenchmarkCategory("Score")]
    public long NeuralKMeansScore() => Drain(_neural.Transform(_data));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Score")]
    public long KMeansScore() => Drain(_kmeans.Transform(_data));

    /// <summary>Share of rows whose cluster is the majority cluster of their true component (row i is component i mod K).</summary>
    private double Accuracy(ITransformer model)
    {
        uint[] labels = model.Transform(_data).GetColumn<uint>("PredictedLabel").ToArray();
        int hits = 0;
        for (int c = 0; c < Clusters; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => i % Clusters == c).Select(i => labels[i]).ToArray();
            hits += members.GroupBy(l => l).Max(g => g.Count());
        }
        return (double)hits / labels.Length;
    }

    private static long Drain(IDataView view)
    {
        var columns = view.Schema.Where(c => c.Name is "Score" or "PredictedLabel").ToArray();
        using DataViewRowCursor cursor = view.GetRowCursor(columns);
        ValueGetter<VBuffer<float>>? score = columns.Length > 0 ? cursor.GetGetter<VBuffer<float>>(view.Schema["Score"]) : null;
        ValueGetter<uint>? label = columns.Length > 0 ? cursor.GetGetter<uint>(view.Schema["PredictedLabel"]) : null;
        VBuffer<float> s = default;
        uint l = 0;
        long rows = 0;
        while (cursor.MoveNext())
        {
            score?.Invoke(ref s);
            label?.Invoke(ref l);
            rows += l;
        }
        return rows;
    }

    /// <summary>A Gaussian mixture: K centres drawn N(0, 3²) per coordinate, rows = a centre (row i gets centre i mod K)
    /// plus N(0, 1) noise (Box-Muller on a seeded Random).</summary>
    public static IEnumerable<Row> Generate(int rows, int features, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = new float[clusters][];
        for (int c = 0; c < clusters; c++)
            centres[c] = Enumerable.Range(0, features).Select(_ => 3 * Normal(random)).ToArray();
        for (int r = 0; r < rows; r++)
        {
            float[] centre = centres[r % clusters];
            var x = new float[features];
            for (int j = 0; j < features; j++)
                x[j] = centre[j] + Normal(random);
            yield return new Row { Features = x };
        }
    }

    private static float Normal(Random random)
        => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
