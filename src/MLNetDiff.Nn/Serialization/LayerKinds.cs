using System;
using System.Collections.Generic;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Serialization;

/// <summary>
/// The registry of <see cref="LayerKind"/>s the network format can write and read: the engine's own layers are
/// registered from the start; a component registers the kinds of its own layers before it saves or loads a network
/// that holds them (e.g. in the static constructor of its model parameters, which ML.NET's loader reaches before the
/// network is read). Thread-safe.
/// </summary>
public static class LayerKinds
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, LayerKind> ById = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, LayerKind> ByType = [];
    private static readonly Dictionary<int, LayerKind> ByCode = [];

    static LayerKinds()
    {
        foreach (LayerKind kind in BuiltInLayerKinds.All)
            Add(kind);
    }

    /// <summary>Registers <paramref name="kind"/>. Registering a kind again with the same id and layer type is a no-op
    /// (so static constructors and tests may call it repeatedly).</summary>
    /// <exception cref="ArgumentException">The id is taken by another layer type, or the layer type is registered under
    /// another id.</exception>
    public static void Register(LayerKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (Gate)
        {
            if (ById.TryGetValue(kind.Id, out LayerKind? existing))
            {
                if (existing.LayerType == kind.LayerType)
                    return;
                throw new ArgumentException($"The layer kind id '{kind.Id}' is already registered for {existing.LayerType.FullName}; {kind.LayerType.FullName} needs another id.", nameof(kind));
            }
            if (ByType.TryGetValue(kind.LayerType, out existing))
                throw new ArgumentException($"{kind.LayerType.FullName} is already registered as layer kind '{existing.Id}'; it cannot also be '{kind.Id}'.", nameof(kind));
            Add(kind);
        }
    }

    /// <summary>The kind registered under <paramref name="id"/>, or null.</summary>
    public static LayerKind? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (Gate)
            return ById.GetValueOrDefault(id);
    }

    /// <summary>The kind that writes layers of exactly <paramref name="layerType"/>, or null.</summary>
    public static LayerKind? ForType(Type layerType)
    {
        ArgumentNullException.ThrowIfNull(layerType);
        lock (Gate)
            return ByType.GetValueOrDefault(layerType);
    }

    internal static LayerKind? ForLayer(Layer layer) => ForType(layer.GetType());

    internal static LayerKind? ForLegacyCode(int code)
    {
        lock (Gate)
            return ByCode.GetValueOrDefault(code);
    }

    private static void Add(LayerKind kind)
    {
        ById.Add(kind.Id, kind);
        ByType.Add(kind.LayerType, kind);
        if (kind.LegacyCode != 0)
            ByCode.Add(kind.LegacyCode, kind);
    }
}
