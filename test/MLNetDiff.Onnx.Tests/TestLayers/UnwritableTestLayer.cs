namespace MLNetDiff.Onnx.Tests.TestLayers;

/// <summary>y = x/2 with no ONNX writer: the export must refuse it, naming it.</summary>
public sealed class UnwritableTestLayer(int size) : ParameterFreeTestLayer(size)
{
    protected override float Apply(float x) => 0.5f * x;
}
