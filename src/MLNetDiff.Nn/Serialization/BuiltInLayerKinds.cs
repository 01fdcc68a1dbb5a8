using System.IO;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Initialization;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Serialization;

/// <summary>The engine's own layers as registered kinds, with their format-v1 type codes 1-4 (fixed forever: every
/// saved model uses them). Specifications are exactly the v1 bytes.</summary>
internal static class BuiltInLayerKinds
{
    public static readonly LayerKind[] All = [new LinearKind(), new ActivationKind(), new DropoutKind(), new LayerNormKind()];

    internal static bool ReadBool(BinaryReader reader)
    {
        byte value = reader.ReadByte();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new InvalidDataException($"Corrupt network: boolean field holds {value}."),
        };
    }

    // Linear: int32 in, int32 out, int32 activation, float32 alpha, byte hasBias, int32 initialisation.
    private sealed class LinearKind() : LayerKind<Linear>("mlnetdiff.linear", 1)
    {
        protected override void WriteSpecification(Linear layer, BinaryWriter writer) => layer.WriteSpecification(writer);

        protected override Linear ReadSpecification(BinaryReader reader)
        {
            int input = reader.ReadInt32(), output = reader.ReadInt32();
            var activation = (Activation)reader.ReadInt32();
            float alpha = reader.ReadSingle();
            bool hasBias = ReadBool(reader);
            var initialization = (WeightInitialization)reader.ReadInt32();
            return new Linear(input, output, activation, hasBias, initialization, activation == Activation.LeakyRelu ? alpha : 0.01f);
        }
    }

    // Activation: int32 size, int32 activation, float32 alpha.
    private sealed class ActivationKind() : LayerKind<ActivationLayer>("mlnetdiff.activation", 2)
    {
        protected override void WriteSpecification(ActivationLayer layer, BinaryWriter writer) => layer.WriteSpecification(writer);

        protected override ActivationLayer ReadSpecification(BinaryReader reader)
        {
            int size = reader.ReadInt32();
            var activation = (Activation)reader.ReadInt32();
            return new ActivationLayer(size, activation, reader.ReadSingle());
        }
    }

    // Dropout: int32 size, float32 rate.
    private sealed class DropoutKind() : LayerKind<Dropout>("mlnetdiff.dropout", 3)
    {
        protected override void WriteSpecification(Dropout layer, BinaryWriter writer) => layer.WriteSpecification(writer);

        protected override Dropout ReadSpecification(BinaryReader reader)
        {
            int size = reader.ReadInt32();
            return new Dropout(size, reader.ReadSingle());
        }
    }

    // LayerNorm: int32 size, float32 epsilon, byte affine.
    private sealed class LayerNormKind() : LayerKind<LayerNorm>("mlnetdiff.layer-norm", 4)
    {
        protected override void WriteSpecification(LayerNorm layer, BinaryWriter writer) => layer.WriteSpecification(writer);

        protected override LayerNorm ReadSpecification(BinaryReader reader)
        {
            int size = reader.ReadInt32();
            float epsilon = reader.ReadSingle();
            return new LayerNorm(size, epsilon, ReadBool(reader));
        }
    }
}
