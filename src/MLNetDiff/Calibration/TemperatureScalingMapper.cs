using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Runtime;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Calibration;

/// <summary>Row mapper of <see cref="TemperatureScalingTransformer"/>: softmax(β·ln p) per row, in double; in ONNX
/// (opset 9 operators, computed in float) Max(p, 10⁻¹²) → Log → Mul β → Softmax on axis 1.</summary>
internal sealed class TemperatureScalingMapper : OneToOneTransformerBase.OneToOneMapperBase, ISaveAsOnnx
{
    private readonly TemperatureScalingTransformer _parent;

    public TemperatureScalingMapper(TemperatureScalingTransformer parent, IHost host, DataViewSchema inputSchema)
        : base(host, parent, inputSchema)
    {
        _parent = parent;
    }

    public bool CanSaveOnnx(OnnxContext ctx) => true;

    public void SaveAsOnnx(OnnxContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string column = _parent.ScoreColumnName;
        if (!ctx.ContainsColumn(column))
            return;
        ctx.CheckOpSetVersion(9, nameof(TemperatureScalingTransformer));
        var layer = new OnnxLayerContext(ctx, "Temperature");
        string source = ctx.GetVariableName(column);
        string floored = layer.Node("Max", source, layer.Scalar("Floor", (float)TemperatureFit.ProbabilityFloor));
        string logs = layer.Node("Log", floored);
        string scaled = layer.Node("Mul", logs, layer.Scalar("Beta", (float)_parent.Beta));
        string destination = ctx.AddIntermediateVariable(new VectorDataViewType(NumberDataViewType.Single, _parent.NumberOfClasses), column);
        OnnxNode softmax = ctx.CreateNode("Softmax", [scaled], [destination], ctx.GetNodeName("Temperature_Softmax"), string.Empty);
        softmax.AddAttribute("axis", 1L);
    }

    protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
    {
        // Every annotation of the input score column (slot names, score column kind and set id) carries over, so the
        // evaluators and PredictedLabel's key values still line up with the slots.
        DataViewSchema.Column input = InputSchema[ColMapNewToOld[0]];
        return
        [
            new DataViewSchema.DetachedColumn(_parent.ScoreColumnName,
                new VectorDataViewType(NumberDataViewType.Single, _parent.NumberOfClasses), input.Annotations),
        ];
    }

    protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action? disposer)
    {
        disposer = null;
        DataViewSchema.Column column = input.Schema[ColMapNewToOld[iinfo]];
        ValueGetter<VBuffer<float>> source = input.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        int size = _parent.NumberOfClasses;
        double beta = _parent.Beta;
        var dense = new float[size];
        var logs = new double[size];
        var calibrated = new double[size];
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
        {
            source(ref buffer);
            if (buffer.Length != size)
                throw new InvalidOperationException($"The score column '{column.Name}' holds a vector of length {buffer.Length}; expected {size}.");
            buffer.CopyTo(dense);
            for (int k = 0; k < size; k++)
                logs[k] = Math.Log(Math.Max(dense[k], TemperatureFit.ProbabilityFloor));
            TemperatureFit.Apply(logs, beta, calibrated);
            var editor = VBufferEditor.Create(ref dst, size);
            for (int k = 0; k < size; k++)
                editor.Values[k] = (float)calibrated[k];
            dst = editor.Commit();
        };
        return getter;
    }
}
