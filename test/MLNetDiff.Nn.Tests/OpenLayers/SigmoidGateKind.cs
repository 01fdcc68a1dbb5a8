using System.IO;
using MLNetDiff.Nn.Serialization;

namespace MLNetDiff.Nn.Tests.OpenLayers;

/// <summary>The binary format of <see cref="SigmoidGate"/>: int32 size, float32 initial logit. Registered by the tests
/// (a component would register its kind in the static constructor of its model parameters).</summary>
internal sealed class SigmoidGateKind : LayerKind<SigmoidGate>
{
    public const string KindId = "tests.sigmoid-gate";

    public SigmoidGateKind()
        : base(KindId)
    {
    }

    protected override void WriteSpecification(SigmoidGate layer, BinaryWriter writer)
    {
        writer.Write(layer.InputSize);
        writer.Write(layer.InitialLogit);
    }

    protected override SigmoidGate ReadSpecification(BinaryReader reader)
    {
        int size = reader.ReadInt32();
        return new SigmoidGate(size, reader.ReadSingle());
    }
}
