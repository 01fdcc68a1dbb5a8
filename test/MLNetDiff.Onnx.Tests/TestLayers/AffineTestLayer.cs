namespace MLNetDiff.Onnx.Tests.TestLayers;

/// <summary>y = 1.5·x − 0.25, exported by <see cref="AffineTestLayerWriter"/> (registered, not built in).</summary>
public sealed class AffineTestLayer(int size) : ParameterFreeTestLayer(size)
{
    protected override float Apply(float x) => 1.5f * x - 0.25f;
}
