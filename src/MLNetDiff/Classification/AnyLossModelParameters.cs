using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Classification;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Layers;

[assembly: LoadableClass(typeof(AnyLossModelParameters), null, typeof(SignatureLoadModel),
    "AnyLoss binary model", AnyLossModelParameters.LoaderSignature)]

namespace MLNetDiff.Classification;

/// <summary>
/// The network an <see cref="AnyLossTrainer"/> learned: a linear model or a multi-layer perceptron whose one output is a
/// logit. <c>Score &gt; 0</c> is the trained decision rule (a threshold found on validation data, if any, is already
/// folded into the last bias). Input standardisation is folded into the first layer, so the weights apply to the raw
/// features.
/// </summary>
public sealed class AnyLossModelParameters : ModelParametersBase<float>, IValueMapper, IPredictorWithFeatureWeights<float>
{
    internal const string LoaderSignature = "MlndAnyLossBinary";
    internal const string RegistrationName = "AnyLossModelParameters";

    /// <summary>What the training run did (epochs, early stopping, validation metric, threshold search), reached as
    /// <c>transformer.Model.SubModel.TrainingReport</c>; null for a model loaded from a file (the report is not saved).</summary>
    public AnyLossTrainingReport? TrainingReport { get; internal init; }

    private readonly Sequential _network;
    private readonly float[]? _linearWeights;
    private readonly float _linearBias;
    private readonly VectorDataViewType _inputType;
    private readonly List<Linear> _linearLayers;

    internal AnyLossModelParameters(IHostEnvironment env, Sequential network, BinaryMetric metric, double beta,
        double amplification, float decisionThreshold)
        : base(env, RegistrationName)
    {
        _network = network;
        Metric = metric;
        Beta = beta;
        Amplification = amplification;
        DecisionThreshold = decisionThreshold;
        _inputType = new VectorDataViewType(NumberDataViewType.Single, network.InputSize);
        (_linearWeights, _linearBias) = ExtractLinear(network);
        _linearLayers = LinearLayersOf(network);
    }

    private AnyLossModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, RegistrationName, ctx)
    {
        // *** Binary format (after ModelParametersBase's header) ***
        // int32   metric (BinaryMetric)
        // double  beta
        // double  amplification L
        // float   decision threshold (logit already subtracted from the last bias; kept for reports)
        // MLND network (NetworkSerializer: magic, version, length, payload, CRC)
        Metric = (BinaryMetric)ModelFormat.ReadInt32(ctx, RegistrationName, "metric", 0, (int)BinaryMetric.Recall);
        Beta = ModelFormat.ReadFiniteDouble(ctx, RegistrationName, "beta");
        Amplification = ModelFormat.ReadFiniteDouble(ctx, RegistrationName, "amplification");
        DecisionThreshold = ModelFormat.ReadFiniteSingle(ctx, RegistrationName, "decision threshold");
        if (!(Beta > 0) || !(Amplification > 0))
            throw ModelFormat.Corrupt(RegistrationName, $"beta {Beta} and amplification {Amplification} must be positive");
        _network = NetworkModelFormat.Read(ctx.Reader, RegistrationName);
        if (_network.OutputSize != 1)
            throw ModelFormat.Corrupt(RegistrationName, $"the network has {_network.OutputSize} outputs; expected 1 (a logit)");
        _inputType = new VectorDataViewType(NumberDataViewType.Single, _network.InputSize);
        (_linearWeights, _linearBias) = ExtractLinear(_network);
        _linearLayers = LinearLayersOf(_network);
    }

    // ML.NET's loader calls this (SignatureLoadModel); it must be more visible than the constructor.
    internal static AnyLossModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new AnyLossModelParameters(env, ctx);
    }

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDANYL",
        written: 0x00010001, // initial format
        readable: 0x00010001,
        weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderType: typeof(AnyLossModelParameters));

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.BinaryClassification;

    /// <summary>The metric the network was trained to maximise.</summary>
    public BinaryMetric Metric { get; }

    /// <summary>β of the F-beta metric (1 for the other metrics).</summary>
    public double Beta { get; }

    /// <summary>The amplification scale L used in training.</summary>
    public double Amplification { get; }

    /// <summary>The logit threshold found by the optional threshold search (0 when the search was off). It is already
    /// subtracted from the output bias, so <c>Score &gt; 0</c> applies it.</summary>
    public float DecisionThreshold { get; }

    /// <summary>The network (for exporters; never mutate it).</summary>
    internal Sequential Network => _network;

    /// <summary>Number of features the model reads.</summary>
    public int FeatureCount => _network.InputSize;

    /// <summary>True for a linear model (no hidden layer); then <see cref="Weights"/> and <see cref="Bias"/> describe it.</summary>
    public bool IsLinear => _linearWeights is not null;

    /// <summary>Units of each hidden layer (empty for a linear model).</summary>
    public IReadOnlyList<int> HiddenLayerSizes
    {
        get
        {
            var sizes = new List<int>();
            for (int i = 0; i < _linearLayers.Count - 1; i++)
                sizes.Add(_linearLayers[i].OutputSize);
            return sizes;
        }
    }

    /// <summary>Activation of the hidden layers (<see cref="Activation.Identity"/> for a linear model).</summary>
    public Activation HiddenActivation => _linearLayers.Count > 1 ? _linearLayers[0].Activation : Activation.Identity;

    /// <summary>Number of fully connected layers (hidden layers + the output layer).</summary>
    public int LayerCount => _linearLayers.Count;

    /// <summary>Feature weights of a linear model, applying to the raw features.</summary>
    /// <exception cref="InvalidOperationException">The model has hidden layers.</exception>
    public IReadOnlyList<float> Weights => _linearWeights
        ?? throw new InvalidOperationException("The AnyLoss model has hidden layers; use GetLayerWeights for its weights.");

    /// <summary>Bias of a linear model (the decision threshold included).</summary>
    /// <exception cref="InvalidOperationException">The model has hidden layers.</exception>
    public float Bias => _linearWeights is not null ? _linearBias
        : throw new InvalidOperationException("The AnyLoss model has hidden layers; use GetLayerBiases for its biases.");

    /// <summary>A copy of the weights of fully connected layer <paramref name="layer"/> as an inputs × outputs row-major
    /// matrix (layer 0 reads the raw features).</summary>
    public float[] GetLayerWeights(int layer)
    {
        (Linear linear, int index) = GetLinear(layer);
        return _network.GetLayerParameters(index).Slice(0, linear.WeightCount).ToArray();
    }

    /// <summary>A copy of the biases of fully connected layer <paramref name="layer"/>.</summary>
    public float[] GetLayerBiases(int layer)
    {
        (Linear linear, int index) = GetLinear(layer);
        return _network.GetLayerParameters(index).Slice(linear.WeightCount, linear.OutputSize).ToArray();
    }

    /// <summary>Feature weights: the linear model's weights, or for a network the L1 norm of each feature's first-layer
    /// weights (a rough importance, not a contribution).</summary>
    public void GetFeatureWeights(ref VBuffer<float> weights)
    {
        var values = new float[FeatureCount];
        if (_linearWeights is not null)
        {
            _linearWeights.CopyTo(values, 0);
        }
        else
        {
            float[] w = GetLayerWeights(0);
            int outputs = _linearLayers[0].OutputSize;
            for (int f = 0; f < values.Length; f++)
                values[f] = TensorPrimitives.SumOfMagnitudes(w.AsSpan(f * outputs, outputs));
        }
        weights = new VBuffer<float>(values.Length, values);
    }

    /// <summary>Scores rows of raw features: one logit per row (the value ML.NET's <c>Score</c> column holds).</summary>
    /// <param name="features">rows × <see cref="FeatureCount"/> raw feature values.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="scores">Receives one score per row.</param>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) =>
        _network.Predict(features, rows, scores, _network.CreateWorkspace(Math.Clamp(rows, 1, 1024)));

    private static List<Linear> LinearLayersOf(Sequential network)
    {
        var list = new List<Linear>();
        foreach (Layer l in network.Layers)
        {
            if (l is Linear linear)
                list.Add(linear);
        }
        return list;
    }

    private (Linear Layer, int Index) GetLinear(int layer)
    {
        int seen = 0;
        for (int i = 0; i < _network.Layers.Count; i++)
        {
            if (_network.Layers[i] is Linear linear && seen++ == layer)
                return (linear, i);
        }
        throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The model has {LayerCount} fully connected layers.");
    }

    private static (float[]? Weights, float Bias) ExtractLinear(Sequential network)
    {
        if (network.Layers.Count != 1 || network.Layers[0] is not Linear { HasBias: true, Activation: Activation.Identity } linear)
            return (null, 0f);
        Span<float> p = network.GetLayerParameters(0);
        return (p.Slice(0, linear.WeightCount).ToArray(), p[linear.WeightCount]);
    }

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetVersionInfo());
        base.SaveCore(ctx);
        ctx.Writer.Write((int)Metric);
        ctx.Writer.Write(Beta);
        ctx.Writer.Write(Amplification);
        ctx.Writer.Write(DecisionThreshold);
        NetworkModelFormat.Write(ctx.Writer, _network);
    }

    DataViewType IValueMapper.InputType => _inputType;

    DataViewType IValueMapper.OutputType => NumberDataViewType.Single;

    ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
    {
        if (typeof(TIn) != typeof(VBuffer<float>) || typeof(TOut) != typeof(float))
            throw new InvalidOperationException($"AnyLoss maps VBuffer<float> to float, not {typeof(TIn).Name} to {typeof(TOut).Name}.");
        ValueMapper<VBuffer<float>, float> mapper = _linearWeights is not null ? CreateLinearMapper() : CreateNetworkMapper();
        return (ValueMapper<TIn, TOut>)(Delegate)mapper;
    }

    private ValueMapper<VBuffer<float>, float> CreateLinearMapper()
    {
        float[] w = _linearWeights!;
        float bias = _linearBias;
        int n = w.Length;
        return (in VBuffer<float> src, ref float dst) =>
        {
            CheckLength(src.Length, n);
            ReadOnlySpan<float> values = src.GetValues();
            if (src.IsDense)
            {
                dst = DenseDot(w, values) + bias;
                return;
            }
            ReadOnlySpan<int> indices = src.GetIndices();
            float sum = bias;
            for (int i = 0; i < values.Length; i++)
                sum += w[indices[i]] * values[i];
            dst = sum;
        };
    }

    private ValueMapper<VBuffer<float>, float> CreateNetworkMapper()
    {
        // One workspace and buffer per mapper: ML.NET asks for a mapper per cursor, so parallel cursors never share them.
        NetworkWorkspace workspace = _network.CreateWorkspace(1);
        int n = _network.InputSize;
        var input = new float[n];
        var output = new float[1];
        return (in VBuffer<float> src, ref float dst) =>
        {
            CheckLength(src.Length, n);
            src.CopyTo(input);
            _network.Predict(input, 1, output, workspace);
            dst = output[0];
        };
    }

    // A plain Vector<T> loop: for the short rows of tabular data (tens of features) it costs less per call than
    // TensorPrimitives.Dot's general dispatch, which single-row PredictionEngine latency notices.
    private static float DenseDot(float[] w, ReadOnlySpan<float> x)
    {
        int n = w.Length, i = 0;
        var acc = Vector<float>.Zero;
        ReadOnlySpan<float> ws = w;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            acc += new Vector<float>(ws.Slice(i)) * new Vector<float>(x.Slice(i));
        float sum = Vector.Sum(acc);
        for (; i < n; i++)
            sum += ws[i] * x[i];
        return sum;
    }

    private static void CheckLength(int length, int expected)
    {
        if (length != expected)
            throw new ArgumentException($"The feature vector has {length} values; the AnyLoss model was trained on {expected}.");
    }
}
