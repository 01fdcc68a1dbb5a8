using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Clustering;
using MLNetDiff.Integration;
using MLNetDiff.Networks.Onnx;

[assembly: LoadableClass(typeof(ClamModelParameters), null, typeof(SignatureLoadModel),
    "Clam clustering model", ClamModelParameters.LoaderSignature)]

namespace MLNetDiff.Clustering;

/// <summary>
/// The prototypes a <see cref="ClamTrainer"/> learned, with its dynamics (β, α, T; docs/clustering.md, "Clam"). A row is
/// standardised with the training rows' mean and σ, moved by T associative-memory steps towards the prototypes
/// (v^T), and <c>Score</c> holds ‖v^T − ρ_j‖² per cluster, lowest for the assigned one, so
/// <c>mlContext.Clustering.Evaluate</c> reads it as it reads KMeans'; <c>PredictedLabel</c> is the nearest prototype's key
/// (index + 1). Interpretable: <see cref="GetPrototypes"/> gives the prototypes in input units and <see cref="Explain"/>
/// the per-feature reasons of an assignment. Implements ML.NET's <c>ISingleCanSaveOnnx</c> (the T steps unrolled), so
/// <c>mlContext.Model.ConvertToOnnx</c> exports it.
/// </summary>
public sealed class ClamModelParameters : ModelParametersBase<VBuffer<float>>, IValueMapper, ISingleCanSaveOnnx,
    IOnnxExportDiagnostics
{
    internal const string LoaderSignature = "MlndClam";
    internal const string RegistrationName = "ClamModelParameters";

    private readonly PrototypeModel _model;

    internal ClamModelParameters(IHostEnvironment env, double beta, double alpha, int steps, float[] mean, float[] scale,
        float[] prototypes)
        : base(env, RegistrationName)
    {
        Beta = beta;
        Alpha = alpha;
        Steps = steps;
        _model = new PrototypeModel(mean, scale, prototypes, new ClamPrototypeMap(prototypes, mean.Length, beta, alpha, steps));
    }

    private ClamModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, RegistrationName, ctx)
    {
        // *** Binary format (after ModelParametersBase's header) ***
        // double  beta (> 0); double alpha (0, 1]; int32 T (≥ 1)
        // int32   K; int32 d; float[d] mean; float[d] scale (1/σ); float[K·d] prototypes in model space (PrototypeModel)
        Beta = ModelFormat.ReadFiniteDouble(ctx, RegistrationName, "beta");
        if (!(Beta > 0))
            throw ModelFormat.Corrupt(RegistrationName, $"field 'beta' holds {Beta}; expected a positive value");
        Alpha = ModelFormat.ReadFiniteDouble(ctx, RegistrationName, "alpha");
        if (!(Alpha > 0 && Alpha <= 1))
            throw ModelFormat.Corrupt(RegistrationName, $"field 'alpha' holds {Alpha}; expected a value in (0, 1]");
        Steps = ModelFormat.ReadInt32(ctx, RegistrationName, "steps", 1, 1 << 16);
        double beta = Beta, alpha = Alpha;
        int steps = Steps;
        _model = PrototypeModel.Read(ctx, RegistrationName, (prototypes, d) => new ClamPrototypeMap(prototypes, d, beta, alpha, steps));
    }

    // ML.NET's loader calls this (SignatureLoadModel); it must be more visible than the constructor.
    internal static ClamModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new ClamModelParameters(env, ctx);
    }

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDCLAM",
        written: 0x00010001, // initial format
        readable: 0x00010001,
        weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderType: typeof(ClamModelParameters));

    /// <summary>What the fit did; null for a model loaded from a file.</summary>
    public ClamTrainingReport? TrainingReport { get; internal init; }

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Clustering;

    /// <summary>β of the dynamics' softmax −(β/2)‖v − ρ‖².</summary>
    public double Beta { get; }

    /// <summary>α, the Euler step.</summary>
    public double Alpha { get; }

    /// <summary>T, the inference steps.</summary>
    public int Steps { get; }

    /// <summary>K.</summary>
    public int ClusterCount => _model.ClusterCount;

    /// <summary>Features the model reads.</summary>
    public int FeatureCount => _model.FeatureCount;

    /// <summary>The shared prototype model (for exporters and tests; never mutate it).</summary>
    internal PrototypeModel Model => _model;

    /// <summary>The prototypes in input units (K arrays of <see cref="FeatureCount"/>): μ + ρ_j/s, the standardisation
    /// undone. The dynamics' attractors: a row at a prototype, far from the others, stays there.</summary>
    public float[][] GetPrototypes()
    {
        var prototypes = new float[ClusterCount][];
        for (int j = 0; j < prototypes.Length; j++)
            prototypes[j] = _model.PrototypeInInputUnits(j);
        return prototypes;
    }

    /// <summary>The prototypes in model space (K × <see cref="FeatureCount"/>, row-major, standardised units). Score_j
    /// is the squared distance of the row after the T steps to row j of this.</summary>
    public float[] GetModelSpacePrototypes() => _model.Prototypes.ToArray();

    /// <summary>Why <paramref name="features"/> (one raw row) goes to its cluster: per-feature contributions, over the
    /// coordinates of the row after the T steps, that sum to the runner-up's minus the assigned cluster's Score
    /// (<see cref="ClusterExplanation"/>).</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public ClusterExplanation Explain(ReadOnlySpan<float> features) => _model.Explain(features);

    /// <summary>Scores rows of raw features: <paramref name="rows"/> × K Score values (ML.NET's).</summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) => _model.Score(features, rows, scores);

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetVersionInfo());
        base.SaveCore(ctx);
        ctx.Writer.Write(Beta);
        ctx.Writer.Write(Alpha);
        ctx.Writer.Write(Steps);
        _model.Write(ctx);
    }

    DataViewType IValueMapper.InputType => _model.InputType;

    DataViewType IValueMapper.OutputType => _model.OutputType;

    ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
    {
        if (typeof(TIn) != typeof(VBuffer<float>) || typeof(TOut) != typeof(VBuffer<float>))
            throw new InvalidOperationException($"Clam maps VBuffer<Single> to VBuffer<Single>, not {typeof(TIn).Name} to {typeof(TOut).Name}.");
        return (ValueMapper<TIn, TOut>)(Delegate)_model.CreateMapper("Clam");
    }

    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => _model.Map.OnnxProblem is null;

    string? IOnnxExportDiagnostics.OnnxProblem => _model.Map.OnnxProblem;

    bool ISingleCanSaveOnnx.SaveAsOnnx(OnnxContext ctx, string[] outputNames, string featureColumn)
    {
        PrototypeOnnxWriter.Write(ctx, _model, "Clam", featureColumn, outputNames);
        return true;
    }
}
