using System;
using System.Numerics.Tensors;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>
/// L2 normalisation z / max(‖z‖, 1e-12) (TELL's spherical geometry, spec A2 and A9): a zero row stays zero, so its
/// distance to every unit-norm prototype is 1 and it goes to the first cluster (lowest index wins ties).
/// </summary>
internal sealed class UnitSpherePrototypeMap : PrototypeMap
{
    /// <summary>The smallest norm divided by (spec A9).</summary>
    public const float NormFloor = 1e-12f;

    public static UnitSpherePrototypeMap Instance { get; } = new();

    private UnitSpherePrototypeMap()
    {
    }

    public override string Name => "UnitSphere";

    public override void Apply(Span<float> values, int rows, int dimension)
    {
        for (int r = 0; r < rows; r++)
            Normalize(values.Slice(r * dimension, dimension));
    }

    /// <summary>Normalises one row in place, in float as the ONNX graph does (Sqrt of ReduceSumSquare, Max, Div).</summary>
    public static void Normalize(Span<float> row)
    {
        float norm = MathF.Max(MathF.Sqrt(TensorPrimitives.SumOfSquares(row)), NormFloor);
        TensorPrimitives.Divide(row, norm, row);
    }

    public override string WriteOnnx(OnnxLayerContext context, string input, int dimension)
    {
        string squares = context.Node("ReduceSumSquare", [input], out var reduce);
        reduce.AddAttribute("axes", new long[] { 1 });
        reduce.AddAttribute("keepdims", 1);
        string norm = context.Node("Sqrt", squares);
        string floored = context.Node("Max", norm, context.Scalar("NormFloor", NormFloor));
        return context.Node("Div", input, floored);
    }
}
