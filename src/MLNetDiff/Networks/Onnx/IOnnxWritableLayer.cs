using System;

namespace MLNetDiff.Networks.Onnx;

/// <summary>
/// For a layer type defined in a component (under src/MLNetDiff, where ML.NET's ONNX types are reachable): the layer
/// writes its own ONNX nodes, so it needs no registration. Layers of the engine (MLNetDiff.Nn, which has no ML.NET
/// dependency) are written by registered <see cref="IOnnxLayerWriter"/>s instead.
/// </summary>
internal interface IOnnxWritableLayer
{
    /// <summary>See <see cref="IOnnxLayerWriter.CanWrite"/>.</summary>
    bool CanWriteOnnx { get; }

    /// <summary>See <see cref="IOnnxLayerWriter.Write"/>.</summary>
    string WriteOnnx(OnnxLayerContext context, ReadOnlySpan<float> parameters, string input);
}
