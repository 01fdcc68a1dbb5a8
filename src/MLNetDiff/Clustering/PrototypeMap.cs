using System;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Clustering;

/// <summary>
/// The map a prototype model applies to a standardised row before looking for its nearest prototype
/// (docs/clustering.md): identity (TELL's Euclidean mode), L2 normalisation (TELL's spherical mode, spec A2), a
/// trainer's own dynamics (ClAM's associative-memory steps, spec B5), or an encoder into a latent space of another
/// dimension (TELL's deep mode, <see cref="EncoderPrototypeMap"/>). Scores, labels, explanations and the ONNX graph of
/// <see cref="PrototypeModel"/> all read the mapped row, so a new clusterer only brings its map and its ONNX nodes.
/// </summary>
/// <remarks>A map that keeps the dimension (d → d) only implements the in-place <see cref="Apply"/>; one that changes
/// it overrides <see cref="OutputDimension"/> and <see cref="Map"/> (its <see cref="Apply"/> then throws).</remarks>
internal abstract class PrototypeMap
{
    /// <summary>Short name for messages and node names ("Identity", "UnitSphere", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Maps <paramref name="rows"/> rows of <paramref name="dimension"/> standardised values in place (d → d maps).</summary>
    public abstract void Apply(Span<float> values, int rows, int dimension);

    /// <summary>Values per mapped row (the model-space dimension, the prototypes' width) for
    /// <paramref name="inputDimension"/> standardised values; the input dimension unless the map changes it.</summary>
    public virtual int OutputDimension(int inputDimension) => inputDimension;

    /// <summary>Maps <paramref name="rows"/> standardised rows (rows × <paramref name="dimension"/>) from
    /// <paramref name="input"/> into <paramref name="output"/> (rows × <see cref="OutputDimension"/>). The default copies
    /// and applies the in-place map, so d → d maps need nothing more.</summary>
    public virtual void Map(ReadOnlySpan<float> input, Span<float> output, int rows, int dimension)
    {
        input.Slice(0, rows * dimension).CopyTo(output);
        Apply(output, rows, dimension);
    }

    /// <summary>Why the map cannot be written as ONNX, or null when it can.</summary>
    public virtual string? OnnxProblem => null;

    /// <summary>Writes the map's nodes reading <paramref name="input"/> ([N, d] standardised rows) and returns the
    /// variable that holds the mapped rows ([N, <see cref="OutputDimension"/>]).</summary>
    public abstract string WriteOnnx(OnnxLayerContext context, string input, int dimension);
}
