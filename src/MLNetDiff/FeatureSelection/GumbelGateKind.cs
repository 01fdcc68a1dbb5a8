using System;
using System.IO;
using MLNetDiff.Nn.Serialization;

namespace MLNetDiff.FeatureSelection;

/// <summary>Network-format kind of <see cref="GumbelGate"/>: D, E, the noise kind and the fixed embedding (the
/// parameters W_m, b_m are written by the serializer). The training knobs (τ, straight-through, penalty) are not part
/// of a saved network: inference uses the deterministic rule.</summary>
public sealed class GumbelGateKind : LayerKind<GumbelGate>
{
    /// <summary>The stable id (never change it once models exist).</summary>
    public const string KindId = "mlnetdiff.gumbel-gate";

    private const int MaxEmbedding = 1 << 16;

    /// <summary>Creates the kind.</summary>
    public GumbelGateKind()
        : base(KindId)
    {
    }

    /// <summary>Registers the kind once per process (idempotent).</summary>
    public static void EnsureRegistered() => LayerKinds.Register(new GumbelGateKind());

    /// <inheritdoc/>
    protected override void WriteSpecification(GumbelGate layer, BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(layer.FeatureCount);
        writer.Write((int)layer.NoiseKind);
        writer.Write(layer.EmbeddingSize);
        foreach (float v in layer.Embedding)
            writer.Write(v);
    }

    /// <inheritdoc/>
    protected override GumbelGate ReadSpecification(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int d = reader.ReadInt32();
        int noise = reader.ReadInt32();
        int e = reader.ReadInt32();
        if (d <= 0)
            throw new InvalidDataException($"Gumbel gate: feature count {d} is not positive.");
        if (noise is not (0 or 1))
            throw new InvalidDataException($"Gumbel gate: unknown noise kind {noise}.");
        if (e <= 0 || e > MaxEmbedding)
            throw new InvalidDataException($"Gumbel gate: embedding size {e} is outside [1, {MaxEmbedding}].");
        var embedding = new float[e];
        for (int k = 0; k < e; k++)
        {
            embedding[k] = reader.ReadSingle();
            if (!float.IsFinite(embedding[k]))
                throw new InvalidDataException($"Gumbel gate: embedding value {k} is not finite.");
        }
        return new GumbelGate(d, embedding, (GumbelNoiseKind)noise);
    }
}
