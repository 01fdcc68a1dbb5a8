using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Transforms;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// Slot dropping (<c>SlotsDroppingTransformer</c>: DropSlots, SelectFeaturesBasedOnCount, SelectFeaturesBasedOnMutualInformation)
/// as Gather(x, kept slots, axis 1). ML.NET's own export uses GatherElements with indices of shape [1, k], whose output
/// has the indices' shape: the graph declares [1, k] and ONNX Runtime returns one row for a batch of N.
/// </summary>
internal sealed class SlotsDroppingStepWriter : IOnnxStepWriter
{
    public bool Handles(ITransformer step) => step is SlotsDroppingTransformer;

    public void Write(OnnxContext ctx, ITransformer step, IDataView stepOutput)
    {
        var dropper = (SlotsDroppingTransformer)step;
        for (int i = 0; i < dropper.ColumnPairs.Length; i++)
        {
            (string output, string input) = dropper.ColumnPairs[i];
            if (!ctx.ContainsColumn(input))
                continue; // the guard after this step names the missing column
            if (stepOutput.Schema[output].Type is not VectorDataViewType { IsKnownSize: true } outputType)
                throw new NotSupportedException($"ONNX export: slot dropping on '{input}': only known-size vector columns are supported.");
            int width = ((VectorDataViewType)((IDataTransform)stepOutput).Source.Schema[input].Type).Size;
            int[] mins = dropper.SlotsMin[i] ?? [];
            int[] maxs = dropper.SlotsMax[i] ?? [];
            long[] kept = Enumerable.Range(0, width)
                .Where(slot => !mins.Where((min, r) => min <= slot && slot <= maxs[r]).Any())
                .Select(slot => (long)slot).ToArray();
            if (kept.Length == 0)
                throw new NotSupportedException($"ONNX export: slot dropping drops every slot of '{input}'; an empty tensor cannot be exported.");
            string indices = ctx.AddInitializer(kept, [kept.Length], "KeptSlots");
            string source = ctx.GetVariableName(input);
            string result = ctx.AddIntermediateVariable(outputType, output);
            OnnxNode node = ctx.CreateNode("Gather", [source, indices], [result], ctx.GetNodeName("Gather"), string.Empty);
            node.AddAttribute("axis", 1L);
        }
    }
}
