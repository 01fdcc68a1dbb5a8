using System;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Tests.Fixtures;

[assembly: LoadableClass(typeof(FixtureLinearRankingModelParameters), null, typeof(SignatureLoadModel),
    "Fixture linear ranking model", FixtureLinearRankingModelParameters.LoaderSignature)]

namespace MLNetDiff.Tests.Fixtures;

/// <summary>Ranking model of <see cref="FixtureRankingTrainer"/>: score = w·x + b.</summary>
public sealed class FixtureLinearRankingModelParameters : FixtureLinearModelParameters
{
    internal const string LoaderSignature = "MLNDFixtureLinearRank";

    internal FixtureLinearRankingModelParameters(IHostEnvironment env, float[] weights, float bias)
        : base(env, LoaderSignature, weights, bias)
    {
    }

    private FixtureLinearRankingModelParameters(IHostEnvironment env, ModelLoadContext ctx)
        : base(env, LoaderSignature, ctx)
    {
    }

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Ranking;

    private protected override VersionInfo Version => GetVersionInfo();

    internal static FixtureLinearRankingModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new FixtureLinearRankingModelParameters(env, ctx);
    }

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDFLRK", written: 0x00010001, readable: 0x00010001, weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature, loaderType: typeof(FixtureLinearRankingModelParameters));
}
