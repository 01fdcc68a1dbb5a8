using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>Score = w·x + b over a known-size Single vector, saved as weights + bias: the shared body of the fixtures'
/// linear binary and ranking models (each derived class only names its kind and its version/loader signatures).</summary>
public abstract class FixtureLinearModelParameters : ModelParametersBase<float>, IValueMapper
{
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly VectorDataViewType _inputType;

    private protected FixtureLinearModelParameters(IHostEnvironment env, string loaderSignature, float[] weights, float bias)
        : base(env, loaderSignature)
    {
        _weights = weights;
        _bias = bias;
        _inputType = new VectorDataViewType(NumberDataViewType.Single, weights.Length);
    }

    private protected FixtureLinearModelParameters(IHostEnvironment env, string loaderSignature, ModelLoadContext ctx)
        : base(env, loaderSignature, ctx)
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

    private string ModelName => GetType().Name;

    private protected abstract VersionInfo Version { get; }

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
        ctx.SetVersionInfo(Version);
        base.SaveCore(ctx);
        ModelFormat.WriteSingles(ctx, _weights);
        ctx.Writer.Write(_bias);
    }
}
