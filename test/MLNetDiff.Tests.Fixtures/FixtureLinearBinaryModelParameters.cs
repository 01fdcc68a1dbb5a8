using System;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Tests.Fixtures;

[assembly: LoadableClass(typeof(FixtureLinearBinaryModelParameters), null, typeof(SignatureLoadModel),
    "Fixture linear binary model", FixtureLinearBinaryModelParameters.LoaderSignature)]

namespace MLNetDiff.Tests.Fixtures;

/// <summary>Binary model of <see cref="FixtureStreamedLogisticTrainer"/>: Score = w·x + b (a logit; Score &gt; 0 is the
/// decision).</summary>
public sealed class FixtureLinearBinaryModelParameters : FixtureLinearModelParameters
{
    internal const string LoaderSignature = "MLNDFixtureLinearBin";

    internal FixtureLinearBinaryModelParameters(IHostEnvironment env, float[] weights, float bias)
        : base(env, LoaderSignature, weights, bias)
    {
    }

    private FixtureLinearBinaryModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, LoaderSignature, ctx)
    {
    }

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.BinaryClassification;

    private protected override VersionInfo Version => GetVersionInfo();

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
