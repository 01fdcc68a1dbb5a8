using System;
using System.IO;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Serialization;

/// <summary>
/// How one layer type is written to and read from the network format: a stable string id and the layer's
/// specification (its sizes and options, not its parameters, which the serializer writes for every layer). Register an
/// instance with <see cref="LayerKinds.Register"/>; derive from <see cref="LayerKind{TLayer}"/>.
/// </summary>
/// <remarks>This is what keeps the layer set open: a component defines its layer, its forward/backward and its kind in
/// its own folder and registers the kind; nothing in the engine switches on layer types. The id is written into every
/// saved network, so it must never change once models exist (use a component prefix, e.g. "mlnetdiff.gumbel-gate").
/// </remarks>
public abstract class LayerKind
{
    /// <summary>Longest id, in UTF-8 bytes.</summary>
    public const int MaxIdLength = 128;

    private protected LayerKind(string id, Type layerType, int legacyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(layerType);
        if (id.Length > MaxIdLength || !IsPrintableAscii(id))
            throw new ArgumentException($"A layer kind id is 1 to {MaxIdLength} printable ASCII characters without spaces; got '{id}'.", nameof(id));
        Id = id;
        LayerType = layerType;
        LegacyCode = legacyCode;
    }

    /// <summary>The stable id written into saved networks.</summary>
    public string Id { get; }

    /// <summary>The layer type this kind writes and reads (exactly this runtime type).</summary>
    public Type LayerType { get; }

    /// <summary>The type code of format version 1 (1-4 for the built-in layers), 0 for kinds identified by
    /// <see cref="Id"/> (written in format version 2).</summary>
    internal int LegacyCode { get; }

    /// <summary>Writes the specification of <paramref name="layer"/> (a <see cref="LayerType"/>).</summary>
    public abstract void Write(Layer layer, BinaryWriter writer);

    /// <summary>Reads a specification written by <see cref="Write"/> and builds the layer (its parameters are set by the
    /// serializer afterwards). Throw <see cref="InvalidDataException"/> (or <see cref="ArgumentException"/> from the
    /// layer's constructor) when a field is invalid.</summary>
    public abstract Layer Read(BinaryReader reader);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({LayerType.Name})";

    private static bool IsPrintableAscii(string id)
    {
        foreach (char c in id)
        {
            if (c <= ' ' || c > '~')
                return false;
        }
        return true;
    }
}
