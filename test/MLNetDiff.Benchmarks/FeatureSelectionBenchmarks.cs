using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// Selection fit time of GFSNetwork (<c>SelectFeaturesGumbel</c>, all defaults: it chooses k itself) against ML.NET's
/// <c>SelectFeaturesBasedOnMutualInformation</c> (slotsInOutput = <see cref="MutualInformationSlots"/>, a fixed k: its
/// cost does not depend on k) at N = 10,000 rows and D ∈ {100, 1000, 10000} (issue 8, "Speed"). Both fit the same
/// cached IDataView, filled before timing. A fit takes seconds to minutes, so each case is one invocation per iteration
/// (see <see cref="JobAttribute"/>); the JIT stage's invocation is the warm-up.
/// </summary>
[FeatureSelectionBenchmarks.Job]
public class FeatureSelectionBenchmarks
{
    /// <summary>No warm-up, one invocation per iteration, <c>MLND_GFS_ITERATIONS</c> iterations (default 3): a fit at
    /// D = 10,000 takes minutes on a shared 2-core machine, where one iteration may be all a session can afford.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class JobAttribute() : JobMutatorConfigBaseAttribute(BenchmarkDotNet.Jobs.Job.Default.WithWarmupCount(0)
        .WithIterationCount(EnvironmentInt("MLND_GFS_ITERATIONS") ?? 3).WithInvocationCount(1).WithUnrollFactor(1));

    /// <summary>D values to run: <c>MLND_GFS_FEATURES</c> (comma-separated) or 100, 1000, 10000.</summary>
    public static IEnumerable<int> FeatureCounts()
        => Environment.GetEnvironmentVariable("MLND_GFS_FEATURES") is string list
            ? list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))
            : [100, 1000, 10_000];

    private static int? EnvironmentInt(string name)
        => Environment.GetEnvironmentVariable(name) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public const int Rows = 10_000;
    public const int Informative = 5;
    public const int MutualInformationSlots = 10;

    private MLContext _ml = null!;
    private IDataView _data = null!;
    private int _gfsKept = -1;
    private int _gfsInformativeKept = -1;

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; }

    public sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(1);
        SchemaDefinition schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features);
        _data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(Generate(Rows, Features, seed: 1), schema));
        using DataViewRowCursor cursor = _data.GetRowCursor(_data.Schema);
        while (cursor.MoveNext())
        {
            // Fill the cache before timing.
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_gfsKept >= 0)
            Console.WriteLine($"// GFS D={Features}: kept {_gfsKept} features, {_gfsInformativeKept} of the {Informative} informative ones");
    }

    [Benchmark]
    public int GumbelFit()
    {
        GumbelFeatureSelectionTransformer model = _ml.Transforms.FeatureSelection
            .SelectFeaturesGumbel("Selected", "Features", "Label", seed: 1).Fit(_data);
        _gfsKept = model.Count;
        _gfsInformativeKept = 0;
        foreach (int i in model.SelectedIndices)
            _gfsInformativeKept += i < Informative ? 1 : 0;
        return model.Count;
    }

    [Benchmark(Baseline = true)]
    public ITransformer MutualInformationFit()
        => _ml.Transforms.FeatureSelection
            .SelectFeaturesBasedOnMutualInformation("Selected", "Features", "Label", slotsInOutput: MutualInformationSlots)
            .Fit(_data);

    /// <summary>Features ~ N(0, 1) (Box-Muller on a seeded Random); the label is the sign of the sum of the first
    /// <see cref="Informative"/> features plus N(0, 0.5²) noise; the rest is noise.</summary>
    public static IEnumerable<Row> Generate(int rows, int features, int seed)
    {
        var random = new Random(seed);
        for (int r = 0; r < rows; r++)
        {
            var x = new float[features];
            for (int j = 0; j < features; j++)
                x[j] = Normal(random);
            double s = 0.5 * Normal(random);
            for (int j = 0; j < Informative; j++)
                s += x[j];
            yield return new Row { Label = s > 0, Features = x };
        }
    }

    private static float Normal(Random random)
        => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
