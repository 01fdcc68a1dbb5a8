using System;
using System.Numerics;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Integration;

namespace MLNetDiff.Clustering;

/// <summary>
/// The shared part of a prototype clusterer's model (docs/clustering.md): the standardisation z = (x − μ)·s learned from
/// the training rows, a <see cref="PrototypeMap"/> m(z), and K prototypes Ω in model space. Score_j = ‖m(z) − Ω_j‖²
/// (squared distances, lower is closer, as ML.NET's KMeans), and ML.NET's clustering scorer makes PredictedLabel =
/// argmin + 1 from it. Holds scoring, explanations, the saved payload and the ONNX graph, so model-parameter types
/// (<see cref="NeuralKMeansModelParameters"/>, ClAM's) only add their header fields. The model space has
/// <see cref="ModelDimension"/> = the map's output dimension values per row: d for the d → d maps, the latent dimension
/// for an encoder (<see cref="EncoderPrototypeMap"/>).
/// </summary>
internal sealed class PrototypeModel
{
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _prototypes;

    /// <param name="mean">μ, one per feature.</param>
    /// <param name="scale">s = 1/σ (1 for a constant feature), one per feature.</param>
    /// <param name="prototypes">K × m row-major prototypes in model space (m = the map's output dimension for d).</param>
    /// <param name="map">The map applied to standardised rows.</param>
    public PrototypeModel(float[] mean, float[] scale, float[] prototypes, PrototypeMap map)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(prototypes);
        ArgumentNullException.ThrowIfNull(map);
        int m = mean.Length == 0 ? 0 : map.OutputDimension(mean.Length);
        if (mean.Length == 0 || scale.Length != mean.Length || m < 1 || prototypes.Length == 0 || prototypes.Length % m != 0)
            throw new ArgumentException($"Inconsistent prototype model: {mean.Length} means, {scale.Length} scales, {prototypes.Length} prototype values of width {m}.");
        _mean = mean;
        _scale = scale;
        _prototypes = prototypes;
        Map = map;
        FeatureCount = mean.Length;
        ModelDimension = m;
        ClusterCount = prototypes.Length / m;
        ChangesDimension = m != FeatureCount || map is EncoderPrototypeMap;
        InputType = new VectorDataViewType(NumberDataViewType.Single, FeatureCount);
        OutputType = new VectorDataViewType(NumberDataViewType.Single, ClusterCount);
    }

    public int FeatureCount { get; }

    /// <summary>Values per model-space row and per prototype (d unless the map changes the dimension).</summary>
    public int ModelDimension { get; }

    /// <summary>True when the map changes the dimension (the model space is not the standardised input space).</summary>
    public bool ChangesDimension { get; }

    public int ClusterCount { get; }

    public PrototypeMap Map { get; }

    public VectorDataViewType InputType { get; }

    public VectorDataViewType OutputType { get; }

    /// <summary>Prototypes in model space (K × <see cref="ModelDimension"/>).</summary>
    public ReadOnlySpan<float> Prototypes => _prototypes;

    public ReadOnlySpan<float> Mean => _mean;

    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Prototype <paramref name="cluster"/> in input units: μ + Ω_j / s. Standardising (and, for the unit
    /// sphere, normalising) this point gives Ω_j back, so it is a point of the input space that sits exactly on the
    /// prototype.</summary>
    /// <exception cref="InvalidOperationException">The map changes the dimension (an encoder's prototypes are latent:
    /// its owner reconstructs them with its decoder instead).</exception>
    public float[] PrototypeInInputUnits(int cluster)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cluster, ClusterCount);
        if (ChangesDimension)
            throw new InvalidOperationException($"The prototypes are {ModelDimension}-dimensional codes of the {Map.Name} map, not input points.");
        var p = new float[FeatureCount];
        for (int f = 0; f < FeatureCount; f++)
            p[f] = (float)(_mean[f] + (double)_prototypes[cluster * FeatureCount + f] / _scale[f]);
        return p;
    }

    /// <summary>Standardises and maps one raw row into <paramref name="z"/> (<see cref="ModelDimension"/> values).</summary>
    public void ToModelSpace(ReadOnlySpan<float> x, Span<float> z)
    {
        if (!ChangesDimension)
        {
            Standardize(x, _mean, _scale, z);
            Map.Apply(z, 1, FeatureCount);
            return;
        }
        ToModelSpace(x, new float[FeatureCount], z);
    }

    /// <summary>As <see cref="ToModelSpace(ReadOnlySpan{float}, Span{float})"/>, with the caller's buffer of d values for
    /// the standardised row (used only when the map changes the dimension).</summary>
    public void ToModelSpace(ReadOnlySpan<float> x, Span<float> standardized, Span<float> z)
    {
        if (!ChangesDimension)
        {
            Standardize(x, _mean, _scale, z);
            Map.Apply(z, 1, FeatureCount);
            return;
        }
        Standardize(x, _mean, _scale, standardized);
        Map.Map(standardized, z, 1, FeatureCount);
    }

    /// <summary>z = (x − μ)·s in one SIMD pass; each element is rounded after the subtraction and after the product,
    /// exactly as TensorPrimitives' Subtract then Multiply (the training rows) and ONNX's Sub then Mul round it.</summary>
    public static void Standardize(ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> scale, Span<float> z)
    {
        int i = 0, n = mean.Length;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                ((new Vector<float>(x.Slice(i)) - new Vector<float>(mean.Slice(i))) * new Vector<float>(scale.Slice(i))).CopyTo(z.Slice(i));
        }
        for (; i < n; i++)
            z[i] = (x[i] - mean[i]) * scale[i];
    }

    /// <summary>Squared distances of one model-space row to every prototype (the Score values): each is exactly
    /// <see cref="SquaredDistance"/>(z, Ω_j), computed four prototypes per pass over z (<see cref="PrototypeDistances"/>).</summary>
    public void Distances(ReadOnlySpan<float> z, Span<float> scores)
        => PrototypeDistances.Compute(z, _prototypes, ClusterCount, ModelDimension, scores);

    /// <summary>Σ (a − b)² in one fused SIMD pass (no temporary row: scoring is per row, and a call per prototype for
    /// the difference and another for the sum cost more than the arithmetic at tabular widths). This order of operations
    /// is the contract of the Score values: <see cref="PrototypeDistances"/> reproduces it bit for bit.</summary>
    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            // Two accumulators: the adds of one chain wait on each other, two chains overlap.
            int w = Vector<float>.Count;
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            for (; i <= a.Length - 2 * w; i += 2 * w)
            {
                Vector<float> d0 = new Vector<float>(a.Slice(i)) - new Vector<float>(b.Slice(i));
                Vector<float> d1 = new Vector<float>(a.Slice(i + w)) - new Vector<float>(b.Slice(i + w));
                acc0 += d0 * d0;
                acc1 += d1 * d1;
            }
            if (i <= a.Length - w)
            {
                Vector<float> d0 = new Vector<float>(a.Slice(i)) - new Vector<float>(b.Slice(i));
                acc0 += d0 * d0;
                i += w;
            }
            sum = Vector.Sum(acc0 + acc1);
        }
        for (; i < a.Length; i++)
        {
            float diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>Scores <paramref name="rows"/> raw rows (rows × d) into rows × K squared distances.</summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores)
    {
        int d = FeatureCount, k = ClusterCount;
        if (features.Length < (long)rows * d || scores.Length < (long)rows * k)
            throw new ArgumentException($"Scoring {rows} rows needs {(long)rows * d} features and room for {(long)rows * k} scores.");
        var standardized = new float[d];
        var z = new float[ModelDimension];
        for (int r = 0; r < rows; r++)
        {
            ToModelSpace(features.Slice(r * d, d), standardized, z);
            Distances(z, scores.Slice(r * k, k));
        }
    }

    /// <summary>A mapper from raw feature vectors to the Score vector, with its own workspace (ML.NET asks for one per
    /// cursor, possibly on several threads).</summary>
    public ValueMapper<VBuffer<float>, VBuffer<float>> CreateMapper(string modelName)
    {
        int d = FeatureCount, k = ClusterCount;
        var dense = new float[d];
        var standardized = new float[d];
        var z = new float[ModelDimension];
        return (in VBuffer<float> src, ref VBuffer<float> dst) =>
        {
            if (src.Length != d)
                throw new ArgumentOutOfRangeException(nameof(src), $"{modelName} expects feature vectors of length {d}, got {src.Length}.");
            ReadOnlySpan<float> x = src.IsDense ? src.GetValues() : dense;
            if (!src.IsDense)
                src.CopyTo(dense);
            ToModelSpace(x, standardized, z);
            var editor = VBufferEditor.Create(ref dst, k);
            Distances(z, editor.Values);
            dst = editor.Commit();
        };
    }

    /// <summary>The per-feature reasons of one raw row's assignment (<see cref="ClusterExplanation"/>).</summary>
    public ClusterExplanation Explain(ReadOnlySpan<float> x)
    {
        int d = FeatureCount, k = ClusterCount;
        if (x.Length != d)
            throw new ArgumentException($"The row has {x.Length} features; the model reads {d}.", nameof(x));
        var standardized = new float[d];
        var z = new float[ModelDimension];
        var scores = new float[k];
        ToModelSpace(x, standardized, z);
        Distances(z, scores);
        int assigned = 0;
        for (int j = 1; j < k; j++)
        {
            if (scores[j] < scores[assigned])
                assigned = j;
        }
        int runnerUp = assigned;
        for (int j = 0; j < k; j++)
        {
            if (j != assigned && (runnerUp == assigned || scores[j] < scores[runnerUp]))
                runnerUp = j;
        }
        if (Map is EncoderPrototypeMap encoder)
            return encoder.Explain(standardized, _prototypes, assigned, runnerUp, scores);
        var contributions = new double[d];
        for (int f = 0; f < d; f++)
        {
            double toRunnerUp = (double)z[f] - _prototypes[runnerUp * d + f];
            double toAssigned = (double)z[f] - _prototypes[assigned * d + f];
            contributions[f] = toRunnerUp * toRunnerUp - toAssigned * toAssigned;
        }
        return new ClusterExplanation(assigned, runnerUp, scores, contributions);
    }

    /// <summary>Writes the payload: int K, int d, then μ, s and Ω (K × m) as counted float arrays.</summary>
    public void Write(ModelSaveContext ctx)
    {
        ctx.Writer.Write(ClusterCount);
        ctx.Writer.Write(FeatureCount);
        ModelFormat.WriteSingles(ctx, _mean);
        ModelFormat.WriteSingles(ctx, _scale);
        ModelFormat.WriteSingles(ctx, _prototypes);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking every count and value; the prototypes are K ×
    /// <paramref name="map"/>'s output dimension for d (K × d for the d → d maps, as before).</summary>
    public static PrototypeModel Read(ModelLoadContext ctx, string model, PrototypeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Read(ctx, model, d => map.OutputDimension(d), (_, _) => map);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="createMap"/> gets the prototypes (K × d) and d and
    /// builds the map, for maps that depend on them (ClAM's dynamics run towards the prototypes).</summary>
    public static PrototypeModel Read(ModelLoadContext ctx, string model, Func<float[], int, PrototypeMap> createMap)
        => Read(ctx, model, d => d, createMap);

    private static PrototypeModel Read(ModelLoadContext ctx, string model, Func<int, int> width,
        Func<float[], int, PrototypeMap> createMap)
    {
        ArgumentNullException.ThrowIfNull(createMap);
        int k = ModelFormat.ReadInt32(ctx, model, "cluster count", 2, 1 << 20);
        int d = ModelFormat.ReadInt32(ctx, model, "feature count", 1, 1 << 24);
        int m = width(d);
        if ((long)k * m > int.MaxValue)
            throw ModelFormat.Corrupt(model, $"{k} clusters × {m} model-space values do not fit one array");
        float[] mean = ModelFormat.ReadSingles(ctx, model, "mean", d);
        float[] scale = ModelFormat.ReadSingles(ctx, model, "scale", d);
        foreach (float s in scale)
        {
            if (!(s > 0))
                throw ModelFormat.Corrupt(model, $"field 'scale' holds {s}; expected positive values");
        }
        float[] prototypes = ModelFormat.ReadSingles(ctx, model, "prototypes", k * m);
        return new PrototypeModel(mean, scale, prototypes, createMap(prototypes, d));
    }
}
