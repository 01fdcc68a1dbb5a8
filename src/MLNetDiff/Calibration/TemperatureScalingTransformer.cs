using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Calibration;
using MLNetDiff.Integration;

[assembly: LoadableClass(typeof(TemperatureScalingTransformer), null, typeof(SignatureLoadModel),
    "Temperature scaling", TemperatureScalingTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(TemperatureScalingTransformer), null, typeof(SignatureLoadRowMapper),
    "Temperature scaling", TemperatureScalingTransformer.LoaderSignature)]

namespace MLNetDiff.Calibration;

/// <summary>
/// Rewrites a multiclass score column of class probabilities p with softmax(ln p / T) (T fitted by
/// <see cref="TemperatureScalingEstimator"/>). The column keeps its name, size and annotations (slot names, score kind),
/// so <c>MulticlassClassification.Evaluate</c> reads it as before; the argmax, and so <c>PredictedLabel</c>, is unchanged.
/// </summary>
/// <remarks>Probabilities are floored at 10⁻¹² before the log (an exact 0 comes out tiny, not 0); a NaN in a row makes
/// that row NaN.</remarks>
public sealed class TemperatureScalingTransformer : OneToOneTransformerBase
{
    internal const string LoaderSignature = "MLNDTemperatureScaling";
    private const string ModelName = nameof(TemperatureScalingTransformer);

    private readonly double _beta;

    internal TemperatureScalingTransformer(IHostEnvironment env, string scoreColumnName, int numberOfClasses, double beta)
        : base(env.Register(nameof(TemperatureScalingTransformer)), [(scoreColumnName, scoreColumnName)])
    {
        NumberOfClasses = numberOfClasses;
        _beta = beta;
    }

    private TemperatureScalingTransformer(IHost host, ModelLoadContext ctx)
        : base(host, ctx)
    {
        // *** Binary format (version 0x00010001) ***
        // the column pair (OneToOneTransformerBase); int: number of classes (≥ 2); double: β = 1/T (finite, > 0).
        if (ColumnPairs.Length != 1)
            throw ModelFormat.Corrupt(ModelName, $"it holds {ColumnPairs.Length} column pairs; expected 1");
        NumberOfClasses = ModelFormat.ReadInt32(ctx, ModelName, "numberOfClasses", 2, int.MaxValue);
        _beta = ModelFormat.ReadFiniteDouble(ctx, ModelName, "beta");
        if (!(_beta > 0))
            throw ModelFormat.Corrupt(ModelName, $"field 'beta' is {_beta}; expected a positive inverse temperature");
    }

    /// <summary>The fitted temperature T (below 1 sharpens an under-confident model, above 1 softens an over-confident one).</summary>
    public double Temperature => 1 / _beta;

    /// <summary>The score column, read and rewritten.</summary>
    public string ScoreColumnName => ColumnPairs[0].outputColumnName;

    /// <summary>The number of classes K, the score vector's size.</summary>
    public int NumberOfClasses { get; }

    internal double Beta => _beta;

    /// <inheritdoc/>
    protected override void CheckInputColumn(DataViewSchema inputSchema, int col, int srcCol)
    {
        string name = inputSchema[srcCol].Name;
        int size = SchemaChecks.RequireKnownSizeSingleVector(inputSchema, name, "score", nameof(inputSchema));
        if (size != NumberOfClasses)
        {
            throw SchemaChecks.Mismatch("score", name, $"Vector<Single, {NumberOfClasses}> (the classes the temperature was fitted on)",
                SchemaChecks.TypeName(inputSchema[srcCol].Type), nameof(inputSchema));
        }
    }

    /// <inheritdoc/>
    protected override void SaveModel(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        SaveColumns(ctx);
        ctx.Writer.Write(NumberOfClasses);
        ctx.Writer.Write(_beta);
    }

    /// <inheritdoc/>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new TemperatureScalingMapper(this, Host, schema);

    // SignatureLoadModel.
    internal static TemperatureScalingTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new TemperatureScalingTransformer(env.Register(nameof(TemperatureScalingTransformer)), ctx);
    }

    // SignatureLoadRowMapper.
    internal static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => Create(env, ctx).MakeRowMapper(inputSchema);

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDTEMP", written: 0x00010001, readable: 0x00010001, weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature, loaderType: typeof(TemperatureScalingTransformer));
}
