using System;
using System.IO;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Serialization;

/// <summary>A <see cref="LayerKind"/> for layers of type <typeparamref name="TLayer"/>, identified by a stable string id.</summary>
/// <typeparam name="TLayer">The layer type.</typeparam>
public abstract class LayerKind<TLayer> : LayerKind
    where TLayer : Layer
{
    /// <summary>Creates the kind.</summary>
    /// <param name="id">Stable id written into saved networks (1-128 printable ASCII characters, e.g. "mlnetdiff.gumbel-gate").</param>
    protected LayerKind(string id)
        : base(id, typeof(TLayer), 0)
    {
    }

    private protected LayerKind(string id, int legacyCode)
        : base(id, typeof(TLayer), legacyCode)
    {
    }

    /// <inheritdoc/>
    public sealed override void Write(Layer layer, BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (layer is not TLayer typed)
            throw new ArgumentException($"Layer kind '{Id}' writes {typeof(TLayer).Name} layers; got {layer?.GetType().Name ?? "null"}.", nameof(layer));
        WriteSpecification(typed, writer);
    }

    /// <inheritdoc/>
    public sealed override Layer Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadSpecification(reader);
    }

    /// <summary>Writes the layer's sizes and options (not its parameters).</summary>
    protected abstract void WriteSpecification(TLayer layer, BinaryWriter writer);

    /// <summary>Reads what <see cref="WriteSpecification"/> wrote and builds the layer.</summary>
    protected abstract TLayer ReadSpecification(BinaryReader reader);
}
