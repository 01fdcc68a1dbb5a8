using System;
using System.Collections.Concurrent;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Networks.Onnx;

/// <summary>
/// The per-layer ONNX writers, keyed by layer type. The engine's built-in layers are registered here; a component
/// registers the writer of its own layer type once (for example from its model parameters' static constructor) with
/// <see cref="Register{TLayer}"/>. Lookup walks up the layer's base types, so a writer registered for a base layer
/// covers subclasses that do not register their own.
/// </summary>
internal static class OnnxLayerWriters
{
    private static readonly ConcurrentDictionary<Type, IOnnxLayerWriter> s_writers = new();

    static OnnxLayerWriters()
    {
        Register<Linear>(new LinearOnnxWriter());
        Register<ActivationLayer>(new ActivationLayerOnnxWriter());
        Register<Dropout>(new DropoutOnnxWriter());
        Register<LayerNorm>(new LayerNormOnnxWriter());
    }

    /// <summary>Registers (or replaces) the writer of layer type <typeparamref name="TLayer"/>.</summary>
    public static void Register<TLayer>(IOnnxLayerWriter writer) where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(writer);
        s_writers[typeof(TLayer)] = writer;
    }

    /// <summary>The writer for <paramref name="layer"/>: a registered one for its type or a base type, else the layer
    /// itself when it implements <see cref="IOnnxWritableLayer"/>; null when there is none.</summary>
    public static IOnnxLayerWriter? Find(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        for (Type? t = layer.GetType(); t is not null && t != typeof(object); t = t.BaseType)
        {
            if (s_writers.TryGetValue(t, out IOnnxLayerWriter? writer))
                return writer;
        }
        return layer is IOnnxWritableLayer ? SelfWriter.Instance : null;
    }

    private sealed class SelfWriter : IOnnxLayerWriter
    {
        public static readonly SelfWriter Instance = new();

        public bool CanWrite(Layer layer) => ((IOnnxWritableLayer)layer).CanWriteOnnx;

        public string Write(OnnxLayerContext context, Layer layer, ReadOnlySpan<float> parameters, string input) =>
            ((IOnnxWritableLayer)layer).WriteOnnx(context, parameters, input);
    }
}
