using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;

namespace MLNetDiff.FeatureSelection;

/// <summary>Row mapper of <see cref="GumbelFeatureSelectionTransformer"/>: a gather of the kept slots, and its ONNX form
/// (one Gather on axis 1 with the kept indices as an int64 initializer).</summary>
internal sealed class GumbelFeatureSelectionMapper : OneToOneTransformerBase.OneToOneMapperBase, ISaveAsOnnx
{
    private readonly GumbelFeatureSelectionTransformer _parent;
    private readonly VectorDataViewType _outputType;

    public GumbelFeatureSelectionMapper(GumbelFeatureSelectionTransformer parent, IHost host, DataViewSchema inputSchema)
        : base(host, parent, inputSchema)
    {
        _parent = parent;
        _outputType = new VectorDataViewType(NumberDataViewType.Single, parent.Count);
    }

    public bool CanSaveOnnx(OnnxContext ctx) => true;

    public void SaveAsOnnx(OnnxContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string input = _parent.InputColumnName, output = _parent.OutputColumnName;
        if (!ctx.ContainsColumn(input))
        {
            ctx.RemoveColumn(output, false);
            return;
        }
        string source = ctx.GetVariableName(input);
        string destination = ctx.AddIntermediateVariable(_outputType, output);
        string indices = ctx.AddInitializer(_parent.Selected.ToArray().Select(i => (long)i), [_parent.Count], "GumbelSelectedSlots");
        OnnxNode node = ctx.CreateNode("Gather", [source, indices], [destination], ctx.GetNodeName("Gather"), "");
        node.AddAttribute("axis", 1L);
    }

    protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
    {
        DataViewSchema.Column input = InputSchema[ColMapNewToOld[0]];
        string[] all = GumbelFeatureSelectionEstimator.SlotNames(input, _parent.InputSize);
        ReadOnlyMemory<char>[] kept = _parent.SelectedIndices.Select(i => all[i].AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.AddSlotNames(kept.Length, (ref VBuffer<ReadOnlyMemory<char>> value) =>
            value = new VBuffer<ReadOnlyMemory<char>>(kept.Length, (ReadOnlyMemory<char>[])kept.Clone()));
        return [new DataViewSchema.DetachedColumn(_parent.OutputColumnName, _outputType, annotations.ToAnnotations())];
    }

    protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action? disposer)
    {
        disposer = null;
        DataViewSchema.Column column = input.Schema[ColMapNewToOld[iinfo]];
        ValueGetter<VBuffer<float>> source = input.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        int size = _parent.InputSize, count = _parent.Count;
        int[] selected = _parent.SelectedIndices.ToArray();
        var dense = new float[size];
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
        {
            source(ref buffer);
            if (buffer.Length != size)
                throw new InvalidOperationException($"The input column '{column.Name}' holds a vector of length {buffer.Length}; expected {size}.");
            buffer.CopyTo(dense);
            var editor = VBufferEditor.Create(ref dst, count);
            for (int j = 0; j < count; j++)
                editor.Values[j] = dense[selected[j]];
            dst = editor.Commit();
        };
        return getter;
    }
}
