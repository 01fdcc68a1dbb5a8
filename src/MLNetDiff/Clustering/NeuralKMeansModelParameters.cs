using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Clustering;
using MLNetDiff.Integration;
using MLNetDiff.Networks.Onnx;

[assembly: LoadableClass(typeof(NeuralKMeansModelParameters), null, typeof(SignatureLoadModel),
    "NeuralKMeans clustering model", NeuralKMeansModelParameters.LoaderSignature)]

namespace MLNetDiff.Clustering;

/// <summary>
/// The prototypes a <see cref="NeuralKMeansTrainer"/> learned (TELL, docs/clustering.md). <c>Score</c> holds one squared
/// model-space distance per cluster (rows standardised with the training rows' mean and σ, and L2-normalised in the
/// spherical geometry), lowest for the assigned cluster, so <c>mlContext.Clustering.Evaluate</c> reads it as it reads
/// KMeans'; <c>PredictedLabel</c> is the nearest prototype's key (index + 1). Interpretable: <see cref="GetPrototypes"/>
/// gives the prototypes in input units and <see cref="Explain"/> the per-feature reasons of an assignment. Implements
/// ML.NET's <c>ISingleCanSaveOnnx</c>, so <c>mlContext.Model.ConvertToOnnx</c> exports it.
/// </summary>
public sealed class NeuralKMeansModelParameters : ModelParametersBase<VBuffer<float>>, IValueMapper, ISingleCanSaveOnnx,
    IOnnxExportDiagnostics
{
    internal const string LoaderSignature = "MlndNeuralKMeans";
    internal const string RegistrationName = "NeuralKMeansModelParameters";

    private readonly PrototypeModel _model;

    internal NeuralKMeansModelParameters(IHostEnvironment env, NeuralKMeansGeometry geometry, float[] mean, float[] scale,
        float[] prototypes)
        : base(env, RegistrationName)
    {
        Geometry = geometry;
        _model = new PrototypeModel(mean, scale, prototypes, MapOf(geometry));
    }

    private NeuralKMeansModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, RegistrationName, ctx)
    {
        // *** Binary format (after ModelParametersBase's header) ***
        // int32   geometry (NeuralKMeansGeometry)
        // int32   K; int32 d; float[d] mean; float[d] scale (1/σ); float[K·d] prototypes in model space (PrototypeModel)
        Geometry = (NeuralKMeansGeometry)ModelFormat.ReadInt32(ctx, RegistrationName, "geometry", 0, (int)NeuralKMeansGeometry.Spherical);
        _model = PrototypeModel.Read(ctx, RegistrationName, MapOf(Geometry));
    }

    // ML.NET's loader calls this (SignatureLoadModel); it must be more visible than the constructor.
    internal static NeuralKMeansModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new NeuralKMeansModelParameters(env, ctx);
    }

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDNKMS",
        written: 0x00010001, // initial format
        readable: 0x00010001,
        weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderType: typeof(NeuralKMeansModelParameters));

    private static PrototypeMap MapOf(NeuralKMeansGeometry geometry) => geometry == NeuralKMeansGeometry.Spherical
        ? UnitSpherePrototypeMap.Instance
        : IdentityPrototypeMap.Instance;

    /// <summary>What the fit did; null for a model loaded from a file.</summary>
    public NeuralKMeansTrainingReport? TrainingReport { get; internal init; }

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Clustering;

    /// <summary>The geometry the model was trained in.</summary>
    public NeuralKMeansGeometry Geometry { get; }

    /// <summary>K.</summary>
    public int ClusterCount => _model.ClusterCount;

    /// <summary>Features the model reads.</summary>
    public int FeatureCount => _model.FeatureCount;

    /// <summary>The shared prototype model (for exporters and the ClAM trainer's tests; never mutate it).</summary>
    internal PrototypeModel Model => _model;

    /// <summary>The prototypes in input units (K arrays of <see cref="FeatureCount"/>): μ + Ω_j/s, the standardisation
    /// undone. In the Euclidean geometry each is its cluster's centre; in the spherical one it is the input point whose
    /// standardised direction is the prototype (any point on the ray from μ through it gets the same scores).</summary>
    public float[][] GetPrototypes()
    {
        var prototypes = new float[ClusterCount][];
        for (int j = 0; j < prototypes.Length; j++)
            prototypes[j] = _model.PrototypeInInputUnits(j);
        return prototypes;
    }

    /// <summary>The prototypes in model space (K × <see cref="FeatureCount"/>, row-major): standardised units, unit
    /// vectors in the spherical geometry. Score_j is the squared distance of the model-space row to row j of this.</summary>
    public float[] GetModelSpacePrototypes() => _model.Prototypes.ToArray();

    /// <summary>Why <paramref name="features"/> (one raw row) goes to its cluster: per-feature contributions that sum to
    /// the runner-up's minus the assigned cluster's squared distance (<see cref="ClusterExplanation"/>).</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public ClusterExplanation Explain(ReadOnlySpan<float> features) => _model.Explain(features);

    /// <summary>Scores rows of raw features: <paramref name="rows"/> × K squared distances (ML.NET's Score values).</summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) => _model.Score(features, rows, scores);

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetVersionInfo());
        base.SaveCore(ctx);
        ctx.Writer.Write((int)Geometry);
        _model.Write(ctx);
    }

    DataViewType IValueMapper.InputType => _model.InputType;

    DataViewType IValueMapper.OutputType => _model.OutputType;

    ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
    {
        if (typeof(TIn) != typeof(VBuffer<float>) || typeof(TOut) != typeof(VBuffer<float>))
            throw new InvalidOperationException($"NeuralKMeans maps VBuffer<Single> to VBuffer<Single>, not {typeof(TIn).Name} to {typeof(TOut).Name}.");
        return (ValueMapper<TIn, TOut>)(Delegate)_model.CreateMapper("NeuralKMeans");
    }

    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => _model.Map.OnnxProblem is null;

    string? IOnnxExportDiagnostics.OnnxProblem => _model.Map.OnnxProblem;

    bool ISingleCanSaveOnnx.SaveAsOnnx(OnnxContext ctx, string[] outputNames, string featureColumn)
    {
        PrototypeOnnxWriter.Write(ctx, _model, "NeuralKMeans", featureColumn, outputNames);
        return true;
    }
}
