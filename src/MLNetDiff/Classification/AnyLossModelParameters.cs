using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Classification;
using MLNetDiff.Integration;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;
using MLNetDiff.Networks;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

[assembly: LoadableClass(typeof(AnyLossModelParameters), null, typeof(SignatureLoadModel),
    "AnyLoss binary model", AnyLossModelParameters.LoaderSignature)]

namespace MLNetDiff.Classification;

/// <summary>
/// The network an <see cref="AnyLossTrainer"/> learned: a linear model or a multi-layer perceptron whose one output is a
/// logit. <c>Score &gt; 0</c> is the trained decision rule (a threshold found on validation data, if any, is already
/// folded into the last bias). Input standardisation is folded into the first layer, so the weights apply to the raw
/// features. The network parts (mapping, save/load, layer accessors, ONNX nodes) are <see cref="NetworkModel"/>'s; this
/// type adds the AnyLoss header fields. It implements ML.NET's <c>ISingleCanSaveOnnx</c>, so
/// <c>mlContext.Model.ConvertToOnnx</c> exports any pipeline that holds it (docs/onnx.md).
/// </summary>
public sealed class AnyLossModelParameters : ModelParametersBase<float>, IValueMapper, IPredictorWithFeatureWeights<float>,
    ISingleCanSaveOnnx, IOnnxExportDiagnostics
{
    internal const string LoaderSignature = "MlndAnyLossBinary";
    internal const string RegistrationName = "AnyLossModelParameters";

    /// <summary>What the training run did (epochs, early stopping, validation metric, threshold search), reached as
    /// <c>transformer.Model.SubModel.TrainingReport</c>; null for a model loaded from a file (the report is not saved).</summary>
    public AnyLossTrainingReport? TrainingReport { get; internal init; }

    private readonly NetworkModel _model;

    internal AnyLossModelParameters(IHostEnvironment env, Sequential network, BinaryMetric metric, double beta,
        double amplification, float decisionThreshold)
        : base(env, RegistrationName)
    {
        _model = new NetworkModel(network, RegistrationName);
        Metric = metric;
        Beta = beta;
        Amplification = amplification;
        DecisionThreshold = decisionThreshold;
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
        _model = NetworkModel.Read(ctx.Reader, RegistrationName, expectedOutputs: 1, "a logit");
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
    internal Sequential Network => _model.Network;

    /// <summary>Number of features the model reads.</summary>
    public int FeatureCount => _model.InputSize;

    /// <summary>True for a linear model (no hidden layer); then <see cref="Weights"/> and <see cref="Bias"/> describe it.</summary>
    public bool IsLinear => _model.LinearWeights is not null;

    /// <summary>Units of each hidden layer (empty for a linear model).</summary>
    public IReadOnlyList<int> HiddenLayerSizes => _model.HiddenLayerSizes;

    /// <summary>Activation of the hidden layers (<see cref="Activation.Identity"/> for a linear model).</summary>
    public Activation HiddenActivation => _model.LinearLayerCount > 1 ? _model.GetLinearLayer(0).Activation : Activation.Identity;

    /// <summary>Number of fully connected layers (hidden layers + the output layer).</summary>
    public int LayerCount => _model.LinearLayerCount;

    /// <summary>Feature weights of a linear model, applying to the raw features.</summary>
    /// <exception cref="InvalidOperationException">The model has hidden layers.</exception>
    public IReadOnlyList<float> Weights => _model.LinearWeights
        ?? throw new InvalidOperationException("The AnyLoss model has hidden layers; use GetLayerWeights for its weights.");

    /// <summary>Bias of a linear model (the decision threshold included).</summary>
    /// <exception cref="InvalidOperationException">The model has hidden layers.</exception>
    public float Bias => _model.LinearWeights is not null ? _model.LinearBias
        : throw new InvalidOperationException("The AnyLoss model has hidden layers; use GetLayerBiases for its biases.");

    /// <summary>A copy of the weights of fully connected layer <paramref name="layer"/> as an inputs × outputs row-major
    /// matrix (layer 0 reads the raw features).</summary>
    public float[] GetLayerWeights(int layer) => _model.GetLayerWeights(layer);

    /// <summary>A copy of the biases of fully connected layer <paramref name="layer"/>.</summary>
    public float[] GetLayerBiases(int layer) => _model.GetLayerBiases(layer);

    /// <summary>Feature weights: the linear model's weights, or for a network the L1 norm of each feature's first-layer
    /// weights (a rough importance, not a contribution).</summary>
    public void GetFeatureWeights(ref VBuffer<float> weights)
    {
        var values = new float[FeatureCount];
        if (_model.LinearWeights is float[] linear)
        {
            linear.CopyTo(values, 0);
        }
        else
        {
            float[] w = GetLayerWeights(0);
            int outputs = _model.GetLinearLayer(0).OutputSize;
            for (int f = 0; f < values.Length; f++)
                values[f] = TensorPrimitives.SumOfMagnitudes(w.AsSpan(f * outputs, outputs));
        }
        weights = new VBuffer<float>(values.Length, values);
    }

    /// <summary>Scores rows of raw features: one logit per row (the value ML.NET's <c>Score</c> column holds).</summary>
    /// <param name="features">rows × <see cref="FeatureCount"/> raw feature values.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="scores">Receives one score per row.</param>
    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores) => _model.Score(features, rows, scores);

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetVersionInfo());
        base.SaveCore(ctx);
        ctx.Writer.Write((int)Metric);
        ctx.Writer.Write(Beta);
        ctx.Writer.Write(Amplification);
        ctx.Writer.Write(DecisionThreshold);
        _model.Write(ctx.Writer);
    }

    DataViewType IValueMapper.InputType => _model.InputType;

    DataViewType IValueMapper.OutputType => NumberDataViewType.Single;

    ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
    {
        if (typeof(TIn) != typeof(VBuffer<float>) || typeof(TOut) != typeof(float))
            throw new InvalidOperationException($"AnyLoss maps VBuffer<float> to float, not {typeof(TIn).Name} to {typeof(TOut).Name}.");
        return (ValueMapper<TIn, TOut>)(Delegate)_model.CreateScalarMapper();
    }

    // ML.NET's binary scorer asks this through the calibrated model (ValueMapperCalibratedModelParameters), which exports
    // when both this and its calibrator can.
    bool ICanSaveOnnx.CanSaveOnnx(OnnxContext ctx) => _model.OnnxProblem is null;

    string? IOnnxExportDiagnostics.OnnxProblem => _model.OnnxProblem;

    bool ISingleCanSaveOnnx.SaveAsOnnx(OnnxContext ctx, string[] outputNames, string featureColumn)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(outputNames);
        // ML.NET passes [Score] (inside a calibrated model) or [PredictedLabel, Score]; its linear models read it the same way.
        string score = outputNames.Length >= 2 ? outputNames[1] : outputNames[0];
        _model.SaveAsOnnx(ctx, "AnyLoss", featureColumn, score);
        return true;
    }
}
