using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Tests.Fixtures;

[assembly: LoadableClass(typeof(FixtureLinearBinaryModelParameters), null, typeof(SignatureLoadModel),
    "Fixture linear binary model", FixtureLinearBinaryModelParameters.LoaderSignature)]

namespace MLNetDiff.Tests.Fixtures;

/// <summary>Binary model of <see cref="FixtureStreamedLogisticTrainer"/>: Score = w·x + b (a logit; Score &gt; 0 is the
/// decision).</summary>
public sealed class FixtureLinearBinaryModelParameters : ModelParametersBase<float>, IValueMapper
{
    internal const string LoaderSignature = "MLNDFixtureLinearBin";
    private const string ModelName = nameof(FixtureLinearBinaryModelParameters);

    private readonly float[] _weights;
    private readonly float _bias;
    private readonly VectorDataViewType _inputType;

    internal FixtureLinearBinaryModelParameters(IHostEnvironment env, float[] weights, float bias)
        : base(env, LoaderSignature)
    {
        _weights = weights;
        _bias = bias;
        _inputType = new VectorDataViewType(NumberDataViewType.Single, weights.Length);
    }

    private FixtureLinearBinaryModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, LoaderSignature, ctx)
    {
        // *** Binary format (version 0x00010001) ***
        // float[] (count + values): weights; float: bias.
        _weights = ModelFormat.ReadSingles(ctx, ModelName, "weights");
        if (_weights.Length == 0)
            throw ModelFormat.Corrupt(ModelName, "field 'weights' is empty; expected at least one weight");
        _bias = ModelFormat.ReadFiniteSingle(ctx, ModelName, "bias");
        _inputType = new VectorDataViewType(NumberDataViewType.Single, _weights.Length);
    }

    /// <summary>The weights (a copy).</summary>
    public float[] GetWeights() => (float[])_weights.Clone();

    /// <summary>The bias.</summary>
    public float Bias => _bias;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.BinaryClassification;

    DataViewType IValueMapper.InputType => _inputType;

    DataViewType IValueMapper.OutputType => NumberDataViewType.Single;

    ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
    {
        if (typeof(TIn) != typeof(VBuffer<float>) || typeof(TOut) != typeof(float))
            throw new InvalidOperationException($"{ModelName} maps VBuffer<Single> to Single, not {typeof(TIn).Name} to {typeof(TOut).Name}.");
        var dense = new float[_weights.Length];
        ValueMapper<VBuffer<float>, float> map = (in VBuffer<float> src, ref float dst) =>
        {
            if (src.Length != _weights.Length)
                throw new ArgumentOutOfRangeException(nameof(src), $"{ModelName} expects feature vectors of length {_weights.Length}, got {src.Length}.");
            src.CopyTo(dense);
            dst = FixtureMath.Affine(_weights, _bias, dense);
        };
        return (ValueMapper<TIn, TOut>)(Delegate)map;
    }

    /// <inheritdoc/>
    protected override void SaveCore(ModelSaveContext ctx)
    {
        ctx.SetVersionInfo(GetVersionInfo());
        base.SaveCore(ctx);
        ModelFormat.WriteSingles(ctx, _weights);
        ctx.Writer.Write(_bias);
    }

    internal static FixtureLinearBinaryModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new FixtureLinearBinaryModelParameters(env, ctx);
    }

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDFLBN", written: 0x00010001, readable: 0x00010001, weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature, loaderType: typeof(FixtureLinearBinaryModelParameters));
}
