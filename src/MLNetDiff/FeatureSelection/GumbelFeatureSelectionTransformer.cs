using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Integration;

[assembly: LoadableClass(typeof(GumbelFeatureSelectionTransformer), null, typeof(SignatureLoadModel),
    "GFSNetwork feature selection", GumbelFeatureSelectionTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(GumbelFeatureSelectionTransformer), null, typeof(SignatureLoadRowMapper),
    "GFSNetwork feature selection", GumbelFeatureSelectionTransformer.LoaderSignature)]

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// The fitted GFSNetwork selector: keeps the selected slots of a known-size Single vector column, in their original
/// order, as a known-size vector with the input's slot names (or <c>f&lt;i&gt;</c>). Exposes what the fit learned:
/// the selected indices and names, and every feature's mask logit and selection probability.
/// </summary>
/// <remarks>Scoring a NaN passes it through (selection only drops columns). Exports to ONNX as one Gather.</remarks>
public sealed class GumbelFeatureSelectionTransformer : OneToOneTransformerBase
{
    internal const string LoaderSignature = "MLNDGumbelSelect";
    private const string ModelName = nameof(GumbelFeatureSelectionTransformer);

    private readonly float[] _logits;
    private readonly int[] _selected;
    private readonly string[] _names;

    internal GumbelFeatureSelectionTransformer(IHostEnvironment env, string outputColumnName, string inputColumnName,
        GumbelNoiseKind noiseKind, float[] logits, int[] selected, string[] selectedNames)
        : base(env.Register(ModelName), [(outputColumnName, inputColumnName)])
    {
        NoiseKind = noiseKind;
        _logits = logits;
        _selected = selected;
        _names = selectedNames;
    }

    private GumbelFeatureSelectionTransformer(IHost host, ModelLoadContext ctx)
        : base(host, ctx)
    {
        // *** Binary format (version 0x00010001) ***
        // the column pair (OneToOneTransformerBase); int: noise kind (0 single Gumbel, 1 logistic);
        // float[]: logits (D ≥ 1, finite); int: k (1..D); k × int: selected slots, strictly increasing in [0, D);
        // k × string: selected names.
        if (ColumnPairs.Length != 1)
            throw ModelFormat.Corrupt(ModelName, $"it holds {ColumnPairs.Length} column pairs; expected 1");
        NoiseKind = (GumbelNoiseKind)ModelFormat.ReadInt32(ctx, ModelName, "noise kind", 0, 1);
        _logits = ModelFormat.ReadSingles(ctx, ModelName, "logits");
        if (_logits.Length == 0)
            throw ModelFormat.Corrupt(ModelName, "field 'logits' is empty; expected one logit per input slot");
        int k = ModelFormat.ReadInt32(ctx, ModelName, "selected count", 1, _logits.Length);
        _selected = new int[k];
        for (int j = 0; j < k; j++)
        {
            _selected[j] = ModelFormat.ReadInt32(ctx, ModelName, "selected slot", j == 0 ? 0 : _selected[j - 1] + 1, _logits.Length - 1);
        }
        _names = new string[k];
        for (int j = 0; j < k; j++)
            _names[j] = ModelFormat.ReadString(ctx, ModelName, "selected name");
    }

    /// <summary>Name of the input column.</summary>
    public string InputColumnName => ColumnPairs[0].inputColumnName;

    /// <summary>Name of the output column.</summary>
    public string OutputColumnName => ColumnPairs[0].outputColumnName;

    /// <summary>D, the input vector size.</summary>
    public int InputSize => _logits.Length;

    /// <summary>Number of kept features.</summary>
    public int Count => _selected.Length;

    /// <summary>The kept input slots, ascending (the output's slot j is input slot <c>SelectedIndices[j]</c>).</summary>
    public IReadOnlyList<int> SelectedIndices => _selected;

    /// <summary>Names of the kept slots (the input's slot names at fit time, or <c>f&lt;i&gt;</c>).</summary>
    public IReadOnlyList<string> SelectedNames => _names;

    /// <summary>The trained mask logit w_i of every input slot.</summary>
    public IReadOnlyList<float> Logits => _logits;

    /// <summary>The noise kind the gate was trained with (it defines <see cref="Probabilities"/>).</summary>
    public GumbelNoiseKind NoiseKind { get; }

    /// <summary>Per input slot, the probability that the trained gate's noisy hard sample keeps it: 1 − exp(−e^w) for
    /// single Gumbel noise, σ(w) for logistic noise (specs/gfsnetwork.md §4.3).</summary>
    public IReadOnlyList<double> Probabilities => Array.ConvertAll(_logits, w => GumbelGate.SelectionProbability(w, NoiseKind));

    /// <summary>Input slots ranked best first (by logit, ties by index).</summary>
    public IReadOnlyList<int> Ranking => GumbelSelectionRules.Ranking(_logits, default);

    /// <summary>What the fit did (epochs, steps, last loss, time); not saved with the model, null after loading.</summary>
    internal GumbelSelectionResult? TrainingReport { get; init; }

    /// <summary>True when the fit streamed its data rather than caching it (not saved).</summary>
    internal bool Streamed { get; init; }

    internal ReadOnlySpan<int> Selected => _selected;

    /// <inheritdoc/>
    protected override void CheckInputColumn(DataViewSchema inputSchema, int col, int srcCol)
    {
        string name = inputSchema[srcCol].Name;
        int size = SchemaChecks.RequireKnownSizeSingleVector(inputSchema, name, "input", nameof(inputSchema));
        if (size != InputSize)
            throw SchemaChecks.Mismatch("input", name, $"Vector<Single, {InputSize}>", SchemaChecks.TypeName(inputSchema[srcCol].Type),
                nameof(inputSchema));
    }

    /// <inheritdoc/>
    protected override void SaveModel(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        SaveColumns(ctx);
        ctx.Writer.Write((int)NoiseKind);
        ModelFormat.WriteSingles(ctx, _logits);
        ctx.Writer.Write(_selected.Length);
        foreach (int slot in _selected)
            ctx.Writer.Write(slot);
        foreach (string name in _names)
            ModelFormat.WriteString(ctx, name);
    }

    /// <inheritdoc/>
    protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new GumbelFeatureSelectionMapper(this, Host, schema);

    // SignatureLoadModel.
    internal static GumbelFeatureSelectionTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(GetVersionInfo());
        return new GumbelFeatureSelectionTransformer(env.Register(ModelName), ctx);
    }

    // SignatureLoadRowMapper.
    internal static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => Create(env, ctx).MakeRowMapper(inputSchema);

    private static VersionInfo GetVersionInfo() => ModelVersions.Create(
        modelSignature: "MLNDGFSN", written: 0x00010001, readable: 0x00010001, weCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature, loaderType: typeof(GumbelFeatureSelectionTransformer));
}
