using System;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>No map: prototypes live in the standardised input space (TELL's Euclidean mode, spec A5).</summary>
internal sealed class IdentityPrototypeMap : PrototypeMap
{
    public static IdentityPrototypeMap Instance { get; } = new();

    private IdentityPrototypeMap()
    {
    }

    public override string Name => "Identity";

    public override void Apply(Span<float> values, int rows, int dimension)
    {
    }

    public override string WriteOnnx(OnnxLayerContext context, string input, int dimension) => input;
}
