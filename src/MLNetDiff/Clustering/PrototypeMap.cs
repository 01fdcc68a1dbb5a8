using System;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>
/// The map a prototype model applies to a standardised row before looking for its nearest prototype
/// (docs/clustering.md): identity (TELL's Euclidean mode), L2 normalisation (TELL's spherical mode, spec A2), or a
/// trainer's own dynamics (ClAM's associative-memory steps, spec B5). Scores, labels, explanations and the ONNX graph of
/// <see cref="PrototypeModel"/> all read the mapped row, so a new clusterer only brings its map and its ONNX nodes.
/// </summary>
internal abstract class PrototypeMap
{
    /// <summary>Short name for messages and node names ("Identity", "UnitSphere", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Maps <paramref name="rows"/> rows of <paramref name="dimension"/> standardised values in place.</summary>
    public abstract void Apply(Span<float> values, int rows, int dimension);

    /// <summary>Why the map cannot be written as ONNX, or null when it can.</summary>
    public virtual string? OnnxProblem => null;

    /// <summary>Writes the map's nodes reading <paramref name="input"/> ([N, d] standardised rows) and returns the
    /// variable that holds the mapped rows ([N, d]).</summary>
    public abstract string WriteOnnx(OnnxLayerContext context, string input, int dimension);
}
