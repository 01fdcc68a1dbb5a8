using System;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary>
/// Writes one engine layer's inference as ONNX nodes. A component that adds a layer type registers a writer for it
/// (<see cref="OnnxLayerWriters.Register{TLayer}"/>, from the component's own folder), or its layer implements
/// <see cref="IOnnxWritableLayer"/>; the network writer and the exporter have no closed list of layer types.
/// </summary>
internal interface IOnnxLayerWriter
{
    /// <summary>False when this particular layer (say, an activation without an ONNX form) cannot be written; then the
    /// model reports <c>CanSaveOnnx = false</c> and the strict exporter names it instead of writing a wrong graph.</summary>
    bool CanWrite(Layer layer);

    /// <summary>Appends the nodes of <paramref name="layer"/> applied to <paramref name="input"/> ([N, InputSize]) and
    /// returns the variable holding its output ([N, OutputSize]).</summary>
    /// <param name="context">The ONNX graph being built, with naming helpers.</param>
    /// <param name="layer">The layer.</param>
    /// <param name="parameters">The layer's slice of the network's parameters (its own layout).</param>
    /// <param name="input">Variable name of the layer's input.</param>
    string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input);
}
