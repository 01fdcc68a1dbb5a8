using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// GFSNetwork feature selection (specs/gfsnetwork.md): learns a Gumbel-sigmoid mask jointly with a small task network,
/// so the number of kept features falls out of training (λ = <see cref="Options.Balance"/> is the only sparsity knob),
/// and returns a <see cref="GumbelFeatureSelectionTransformer"/> that keeps the selected slots.
/// </summary>
/// <remarks>
/// <para>Input: a known-size vector of Single (finite values); label Boolean or Key (classification, multiclass through
/// Key) or Single (regression); optional row weights. Data within <see cref="Options.CacheLimitBytes"/> is read into
/// memory; larger data is streamed (one pass for the standardisation statistics, then one per epoch).</para>
/// <para>Output: the kept slots in their original order as a known-size vector, with the input's slot names (or
/// <c>f&lt;i&gt;</c>), exactly what ML.NET's slot-dropping selectors produce, so any downstream trainer takes it.</para>
/// </remarks>
public sealed partial class GumbelFeatureSelectionEstimator : IEstimator<GumbelFeatureSelectionTransformer>
{
    internal const string LoadName = "GumbelFeatureSelection";
    internal const string ExpectedLabel = "Boolean, Single or Key<UInt32>";

    private readonly IHost _host;
    private readonly Options _options;

    internal GumbelFeatureSelectionEstimator(IHostEnvironment env, Options options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _host = env.Register(LoadName);
        _options = options.Clone();
    }

    /// <inheritdoc/>
    public GumbelFeatureSelectionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _host.CheckAlive();
        string inputName = _options.InputName;
        DataViewSchema schema = input.Schema;
        int size = SchemaChecks.RequireKnownSizeSingleVector(schema, inputName, "input", nameof(input));
        int classCount = ClassCount(schema, _options.LabelColumnName, nameof(input));
        if (_options.ExampleWeightColumnName is { } weightName)
            SchemaChecks.RequireScalar(schema, weightName, "weight", t => t == NumberDataViewType.Single, "Single", nameof(input));

        var roles = new RoleMappedData(input, label: _options.LabelColumnName, feature: inputName,
            weight: _options.ExampleWeightColumnName);
        DataOptions reading = RoleMappedTrainingData.Options(roles, LoadName, "input");
        reading.CacheLimitBytes = _options.CacheLimitBytes ?? Options.DefaultCacheLimitBytes;
        int seed = _options.Seed ?? _host.Rand.Next();
        BatchOrder order = _options.Shuffle ? BatchOrder.Shuffled : BatchOrder.Sequential;
        ulong orderSeed = GumbelSelectionFit.OrderSeed(seed);
        // Data that fits the cache limit is read once (exact per-epoch permutations); larger data is streamed, memory
        // bounded by the batch and the shuffle buffer. Both read through the engine's one reader (same errors).
        InMemoryDataset? cached = DataViewLoader.TryLoadInMemory(input, reading);
        BatchSource source = cached is not null
            ? new InMemoryBatchSource(cached, order, orderSeed)
            : DataViewLoader.CreateStreamingSource(input, reading, order, orderSeed);
        GumbelSelectionResult result;
        try
        {
            using var monitor = new HostTrainingMonitor(_host, LoadName, "loss");
            float? threshold = NullThreshold(cached, order, orderSeed, classCount, inputName, seed, monitor);
            result = GumbelSelectionFit.Run(source, classCount, inputName, _options.LabelColumnName, _options, seed, monitor,
                threshold ?? 0f) with { NullThreshold = threshold };
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
        if (result.BelowMinimum)
        {
            using IChannel channel = _host.Start(LoadName);
            channel.Warning($"GFSNetwork kept fewer than {_options.MinimumFeatureCount} feature(s) of column '{inputName}' "
                + $"(the mask collapsed at λ = {_options.Balance}); keeping the {result.Selected.Length} top-ranked one(s). Lower Balance to keep more.");
        }
        string[] names = SlotNames(schema[inputName], size);
        return new GumbelFeatureSelectionTransformer(_host, _options.OutputColumnName, inputName, _options.NoiseKind,
            result.Logits, result.Selected, result.Selected.Select(i => names[i]).ToArray())
        {
            TrainingReport = result,
            Streamed = cached is null,
        };
    }

    /// <summary>The cut of <see cref="GumbelSelectionRule.NullCalibrated"/>: one fit on the cached rows with permuted labels
    /// (same seed and order); null for the other rules, and for streamed data (a warning says the rule fell back).</summary>
    private float? NullThreshold(InMemoryDataset? cached, BatchOrder order, ulong orderSeed, int classCount, string inputName,
        int seed, HostTrainingMonitor monitor)
    {
        if (_options.SelectionRule != GumbelSelectionRule.NullCalibrated)
            return null;
        if (cached is null)
        {
            using IChannel channel = _host.Start(LoadName);
            channel.Warning($"SelectionRule NullCalibrated needs the rows of column '{inputName}' in memory (they exceed " +
                "CacheLimitBytes and are streamed); using the Deterministic rule (w > 0). Raise CacheLimitBytes to calibrate.");
            return null;
        }
        var permuted = new InMemoryBatchSource(GumbelNullCalibration.PermuteLabels(cached, seed), order, orderSeed);
        GumbelSelectionResult nullFit = GumbelSelectionFit.Run(permuted, classCount, inputName, _options.LabelColumnName,
            _options, seed, monitor);
        return GumbelNullCalibration.Threshold(nullFit.Logits);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, _options.InputName, "input", nameof(inputSchema));
        if (!inputSchema.TryFindColumn(_options.LabelColumnName, out SchemaShape.Column label))
            throw SchemaChecks.Missing("label", _options.LabelColumnName, ExpectedLabel, nameof(inputSchema));
        bool labelOk = label.Kind == SchemaShape.Column.VectorKind.Scalar
            && (label.ItemType == BooleanDataViewType.Instance || label.ItemType == NumberDataViewType.Single
                || (label.IsKey && label.ItemType == NumberDataViewType.UInt32));
        if (!labelOk)
            throw SchemaChecks.Mismatch("label", label.Name, ExpectedLabel,
                label.Kind == SchemaShape.Column.VectorKind.Scalar ? SchemaChecks.TypeName(label.ItemType) : $"{label.Kind}<{label.ItemType}>",
                nameof(inputSchema));
        var slotNames = new SchemaShape.Column(AnnotationUtils.Kinds.SlotNames, SchemaShape.Column.VectorKind.Vector,
            TextDataViewType.Instance, false);
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[_options.OutputColumnName] = new SchemaShape.Column(_options.OutputColumnName, SchemaShape.Column.VectorKind.Vector,
            NumberDataViewType.Single, false, new SchemaShape([slotNames]));
        return new SchemaShape(columns.Values);
    }

    /// <summary>C for a classification label (Boolean → 2, Key → its count), 0 for a Single (regression) label.</summary>
    private static int ClassCount(DataViewSchema schema, string labelName, string paramName)
    {
        DataViewSchema.Column label = schema.GetColumnOrNull(labelName)
            ?? throw SchemaChecks.Missing("label", labelName, ExpectedLabel, paramName);
        DataViewType type = label.Type;
        if (type == BooleanDataViewType.Instance)
            return 2;
        if (type == NumberDataViewType.Single)
            return 0;
        if (type is KeyDataViewType key && key.RawType == typeof(uint) && key.Count is >= 1 and <= 1 << 20)
            return (int)key.Count;
        throw SchemaChecks.Mismatch("label", labelName, ExpectedLabel, SchemaChecks.TypeName(type), paramName);
    }

    /// <summary>The input's slot names, or f&lt;i&gt; where it has none (or an empty name).</summary>
    internal static string[] SlotNames(DataViewSchema.Column column, int size)
    {
        var names = new string[size];
        VBuffer<ReadOnlyMemory<char>> buffer = default;
        if (column.HasSlotNames(size))
            column.GetSlotNames(ref buffer);
        ReadOnlyMemory<char>[] dense = buffer.Length == size ? buffer.DenseValues().ToArray() : [];
        for (int i = 0; i < size; i++)
            names[i] = dense.Length == size && !dense[i].IsEmpty ? dense[i].ToString() : $"f{i}";
        return names;
    }
}
