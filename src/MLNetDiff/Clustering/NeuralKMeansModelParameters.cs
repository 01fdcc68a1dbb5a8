using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Clustering;
using MLNetDiff.Integration;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

[assembly: LoadableClass(typeof(NeuralKMeansModelParameters), null, typeof(SignatureLoadModel),
    "NeuralKMeans clustering model", NeuralKMeansModelParameters.LoaderSignature)]

namespace MLNetDiff.Clustering;

/// <summary>
/// The prototypes a <see cref="NeuralKMeansTrainer"/> learned (TELL, docs/clustering.md). <c>Score</c> holds one squared
/// model-space distance per cluster (rows standardised with the training rows' mean and σ, and L2-normalised in the
/// spherical geometry), lowest for the assigned cluster, so <c>mlContext.Clustering.Evaluate</c> reads it as it reads
/// KMeans'; <c>PredictedLabel</c> is the nearest prototype's key (index + 1). In deep mode the model space is the
/// encoder's latent space (the standardised row encoded, and L2-normalised in the spherical geometry). Interpretable:
/// <see cref="GetPrototypes"/> gives the prototypes in input units (deep mode: the decoder's reconstruction of each) and
/// <see cref="Explain"/> the per-feature reasons of an assignment. Implements
/// ML.NET's <c>ISingleCanSaveOnnx</c>, so <c>mlContext.Model.ConvertToOnnx</c> exports it.
/// </summary>
public sealed class NeuralKMeansModelParameters : ModelParametersBase<VBuffer<float>>, IValueMapper, ISingleCanSaveOnnx,
    IOnnxExportDiagnostics
{
    internal const string LoaderSignature = "MlndNeuralKMeans";
    internal const string RegistrationName = "NeuralKMeansModelParameters";

    // Shallow models are written in the initial format, byte for byte; only deep models need the mode and networks.
    private const uint InitialVersion = 0x00010001;
    private const uint DeepVersion = 0x00010002;

    private readonly PrototypeModel _model;
    private readonly Sequential? _decoder;

    internal NeuralKMeansModelParameters(IHostEnvironment env, NeuralKMeansGeometry geometry, float[] mean, float[] scale,
        float[] prototypes)
        : base(env, RegistrationName)
    {
        Geometry = geometry;
        _model = new PrototypeModel(mean, scale, prototypes, MapOf(geometry));
    }

    internal NeuralKMeansModelParameters(IHostEnvironment env, NeuralKMeansGeometry geometry, float[] mean, float[] scale,
        float[] prototypes, Sequential encoder, Sequential decoder)
        : base(env, RegistrationName)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        CheckNetworks(encoder, decoder, mean.Length, e => new ArgumentException(e));
        Geometry = geometry;
        Mode = NeuralKMeansMode.Deep;
        _decoder = decoder;
        _model = new PrototypeModel(mean, scale, prototypes, new EncoderPrototypeMap(encoder, geometry == NeuralKMeansGeometry.Spherical));
    }

    private NeuralKMeansModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, RegistrationName, ctx)
    {
        // *** Binary format (after ModelParametersBase's header) ***
        // int32   geometry (NeuralKMeansGeometry)
        // version 0x00010002 (deep models) only:
        //   int32 mode (NeuralKMeansMode.Deep); MLND network encoder (d → m); MLND network decoder (m → d)
        //   (NetworkSerializer: magic, version, length, payload, CRC)
        // int32   K; int32 d; float[d] mean; float[d] scale (1/σ); float[K·m] prototypes in model space (PrototypeModel;
        //         m = d for shallow models, the latent width for deep ones)
        Geometry = (NeuralKMeansGeometry)ModelFormat.ReadInt32(ctx, RegistrationName, "geometry", 0, (int)NeuralKMeansGeometry.Spherical);
        if (ctx.Header.ModelVerWritten < DeepVersion)
        {
            _model = PrototypeModel.Read(ctx, RegistrationName, MapOf(Geometry));
            return;
        }
        Mode = (NeuralKMeansMode)ModelFormat.ReadInt32(ctx, RegistrationName, "mode", (int)NeuralKMeansMode.Deep, (int)NeuralKMeansMode.Deep);
        Sequential encoder = NetworkModelFormat.Read(ctx.Reader, RegistrationName);
        _decoder = NetworkModelFormat.Read(ctx.Reader, RegistrationName);
        _model = PrototypeModel.Read(ctx, RegistrationName, new EncoderPrototypeMap(encoder, Geometry == NeuralKMeansGeometry.Spherical));
        CheckNetworks(encoder, _decoder, _model.FeatureCount, e => ModelFormat.Corrupt(RegistrationName, e));
    }

    private static void CheckNetworks(Sequential encoder, Sequential decoder, int d, Func<string, Exception> error)
    {
        if (encoder.InputSize != d || decoder.InputSize != encoder.OutputSize || decoder.OutputSize != d)
            throw error($"the encoder maps {encoder.InputSize} → {encoder.OutputSize} and the decoder {decoder.InputSize} → {decoder.OutputSize}; expected {d} → m and m → {d}");
    }

    // ML.NET's loader calls this (SignatureLoadModel); it must be more visible than the constructor.
    internal static NeuralKMeansModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new NeuralKMeansModelParameters(env, ctx);
    }

    // The loader's view: reads both versions.
    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDNKMS",
        written: DeepVersion, // 0x00010002: deep mode (mode field and the two networks)
        readable: InitialVersion,
        weCanReadBack: InitialVersion, // 0x00010001: initial format
        loaderSignature: LoaderSignature,
        loaderType: typeof(NeuralKMeansModelParameters));

    // What a save writes: shallow models keep the initial header (readers of 0x00010001 still read them); deep models
    // need a reader that knows the mode field.
    private VersionInfo GetWrittenVersionInfo() => Mode == NeuralKMeansMode.Shallow
        ? ModelVersions.Create("MLNDNKMS", InitialVersion, InitialVersion, InitialVersion, LoaderSignature, typeof(NeuralKMeansModelParameters))
        : ModelVersions.Create("MLNDNKMS", DeepVersion, DeepVersion, InitialVersion, LoaderSignature, typeof(NeuralKMeansModelParameters));

    private static PrototypeMap MapOf(NeuralKMeansGeometry geometry) => geometry == NeuralKMeansGeometry.Spherical
        ? UnitSpherePrototypeMap.Instance
        : IdentityPrototypeMap.Instance;

    /// <summary>What the fit did; null for a model loaded from a file.</summary>
    public NeuralKMeansTrainingReport? TrainingReport { get; internal init; }

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Clustering;

    /// <summary>The geometry the model was trained in (of the latent codes, in deep mode).</summary>
    public NeuralKMeansGeometry Geometry { get; }

    /// <summary>Shallow, or deep (prototypes in an encoder's latent space).</summary>
    public NeuralKMeansMode Mode { get; }

    /// <summary>Values per model-space row and prototype: <see cref="FeatureCount"/> for shallow models, the latent
    /// width for deep ones.</summary>
    public int ModelSpaceDimension => _model.ModelDimension;

    /// <summary>K.</summary>
    public int ClusterCount => _model.ClusterCount;

    /// <summary>Features the model reads.</summary>
    public int FeatureCount => _model.FeatureCount;

    /// <summary>The shared prototype model (for exporters and the ClAM trainer's tests; never mutate it).</summary>
    internal PrototypeModel Model => _model;

    /// <summary>The prototypes in input units (K arrays of <see cref="FeatureCount"/>): μ + Ω_j/s, the standardisation
    /// undone. In the Euclidean geometry each is its cluster's centre; in the spherical one it is the input point whose
    /// standardised direction is the prototype (any point on the ray from μ through it gets the same scores). Deep
    /// models: μ + decoder(Ω_j)/s, the decoder's reconstruction of the latent prototype (TELL's prototype reconstruction,
    /// spec A6 (b)); encoding it lands near Ω_j, not exactly on it.</summary>
    public float[][] GetPrototypes()
    {
        var prototypes = new float[ClusterCount][];
        if (_decoder is null)
        {
            for (int j = 0; j < prototypes.Length; j++)
                prototypes[j] = _model.PrototypeInInputUnits(j);
            return prototypes;
        }
        int d = FeatureCount, k = ClusterCount;
        var reconstructed = new float[k * d];
        _decoder.Predict(_model.Prototypes, k, reconstructed, _decoder.CreateWorkspace(k));
        ReadOnlySpan<float> mean = _model.Mean, scale = _model.Scale;
        for (int j = 0; j < k; j++)
        {
            prototypes[j] = new float[d];
            for (int f = 0; f < d; f++)
                prototypes[j][f] = (float)(mean[f] + (double)reconstructed[j * d + f] / scale[f]);
        }
        return prototypes;
    }

    /// <summary>The prototypes in model space (K × <see cref="ModelSpaceDimension"/>, row-major): standardised units, unit
    /// vectors in the spherical geometry, latent codes in deep mode. Score_j is the squared distance of the model-space
    /// row to row j of this.</summary>
    public float[] GetModelSpacePrototypes() => _model.Prototypes.ToArray();

    /// <summary>Why <paramref name="features"/> (one raw row) goes to its cluster: per-feature contributions that sum to
    /// the runner-up's minus the assigned cluster's squared distance (shallow), or to that gap minus the mean row's
    /// (deep: integrated gradients from the mean row; <see cref="ClusterExplanation"/>).</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public ClusterExplanation Explain(ReadOnlySpan<float> features) => _model.Explain(features);

    /// <summary>Scores rows of raw features: <paramref name="rows"/> × K squared distances (ML.NET's Score values).</summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) => _model.Score(features, rows, scores);

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetWrittenVersionInfo());
        base.SaveCore(ctx);
        ctx.Writer.Write((int)Geometry);
        if (Mode == NeuralKMeansMode.Deep)
        {
            ctx.Writer.Write((int)Mode);
            NetworkModelFormat.Write(ctx.Writer, ((EncoderPrototypeMap)_model.Map).Encoder);
            NetworkModelFormat.Write(ctx.Writer, _decoder!);
        }
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
