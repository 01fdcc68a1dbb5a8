using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Serialization;

/// <summary>
/// Versioned binary format of a <see cref="Sequential"/> network: layer specifications and parameters. Components
/// embed it in their model files; see docs/engine.md.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format ***
/// byte[4]  magic "MLND" (0x4D 0x4C 0x4E 0x44)
/// uint32   format version (1, or 2 when a layer is of a kind identified by its string id)
/// int64    payload length P in bytes
/// byte[P]  payload:
///   uint32   content kind (1 = Sequential network)
///   int32    input size
///   int32    layer count L (≥ 1)
///   L ×      int32 layer type code, the layer's specification, int32 parameter count of the layer
///              1 Linear:     int32 in, int32 out, int32 activation, float32 alpha, byte hasBias, int32 initialisation
///              2 Activation: int32 size, int32 activation, float32 alpha
///              3 Dropout:    int32 size, float32 rate
///              4 LayerNorm:  int32 size, float32 epsilon, byte affine
///             −1 (version 2 only) a registered kind: int32 id length n, byte[n] id (ASCII), int32 specification
///                length m, byte[m] the kind's specification
///   int64    total parameter count N
///   float32[N] parameters in layer order (each layer's documented layout)
/// uint32   CRC-32 (IEEE) of the payload bytes
/// </code>
/// Codes 1-4 are the built-in <see cref="LayerKind"/>s; every other layer is written by the kind registered for its
/// type (<see cref="LayerKinds.Register"/>) under code −1 with its string id, and the file is then version 2 (a network
/// of built-in layers only is still written as version 1, byte for byte as before). Reading looks the id up in
/// <see cref="LayerKinds"/>. All integers and floats are little-endian. The reader checks the magic, version, length, checksum, every field and
/// that parameters are finite, and throws <see cref="InvalidDataException"/> with the reason otherwise. It reads exactly
/// the bytes the writer wrote, so the network can be followed by other data in the same stream.
/// </remarks>
public static class NetworkSerializer
{
    /// <summary>Highest format version written and read (1 is written when every layer has a version-1 code).</summary>
    public const uint FormatVersion = 2;

    private const int RegisteredKindCode = -1;

    private const uint SequentialKind = 1;
    private const int MaxLayers = 1 << 16;
    private static readonly byte[] Magic = "MLND"u8.ToArray();

    /// <summary>Writes <paramref name="network"/> at the writer's position.</summary>
    /// <exception cref="NotSupportedException">A layer type has no registered <see cref="LayerKind"/>.</exception>
    public static void Write(BinaryWriter writer, Sequential network)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(network);
        var kinds = new LayerKind[network.Layers.Count];
        uint version = 1;
        for (int i = 0; i < kinds.Length; i++)
        {
            Layer layer = network.Layers[i];
            kinds[i] = LayerKinds.ForLayer(layer)
                ?? throw new NotSupportedException($"Layer {i} ({layer.GetType().FullName}) has no binary format: register a {nameof(LayerKind)} for its type with {nameof(LayerKinds)}.{nameof(LayerKinds.Register)}.");
            if (kinds[i].LegacyCode == 0)
                version = 2;
        }
        using var payloadStream = new MemoryStream();
        using (var payload = new BinaryWriter(payloadStream, Encoding.UTF8, leaveOpen: true))
        {
            payload.Write(SequentialKind);
            payload.Write(network.InputSize);
            payload.Write(network.Layers.Count);
            for (int i = 0; i < kinds.Length; i++)
            {
                Layer layer = network.Layers[i];
                if (kinds[i].LegacyCode != 0)
                {
                    payload.Write(kinds[i].LegacyCode);
                    kinds[i].Write(layer, payload);
                }
                else
                {
                    payload.Write(RegisteredKindCode);
                    byte[] id = Encoding.ASCII.GetBytes(kinds[i].Id);
                    payload.Write(id.Length);
                    payload.Write(id);
                    using var specification = new MemoryStream();
                    using (var specificationWriter = new BinaryWriter(specification, Encoding.UTF8, leaveOpen: true))
                        kinds[i].Write(layer, specificationWriter);
                    payload.Write((int)specification.Length);
                    payload.Write(specification.GetBuffer().AsSpan(0, (int)specification.Length));
                }
                payload.Write(layer.ParameterCount);
            }
            payload.Write((long)network.ParameterCount);
            WriteFloats(payload, network.Parameters);
        }
        ReadOnlySpan<byte> bytes = payloadStream.GetBuffer().AsSpan(0, (int)payloadStream.Length);
        writer.Write(Magic);
        writer.Write(version);
        writer.Write((long)bytes.Length);
        writer.Write(bytes);
        writer.Write(Crc32.Compute(bytes));
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/> (left open).</summary>
    public static void Save(Sequential network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        Write(writer, network);
    }

    /// <summary>Reads a network written by <see cref="Write"/>.</summary>
    /// <param name="reader">Positioned at the magic bytes.</param>
    /// <param name="backend">Backend of the new network; <see cref="KernelBackends.Default"/> when null.</param>
    /// <exception cref="InvalidDataException">The data is truncated, corrupt, of an unknown version or inconsistent.</exception>
    public static Sequential Read(BinaryReader reader, KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Span<byte> header = stackalloc byte[16];
        ReadExactly(reader, header, "header");
        if (!header.Slice(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException("Not an MLNetDiff network: the magic bytes 'MLND' are missing.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4));
        if (version is < 1 or > FormatVersion)
            throw new InvalidDataException($"Unsupported network format version {version}; this library reads versions 1 to {FormatVersion}.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(8));
        if (length < 16 || length > Array.MaxLength)
            throw new InvalidDataException($"Corrupt network: invalid payload length {length}.");
        byte[] payload = new byte[length];
        ReadExactly(reader, payload, "payload");
        Span<byte> crcBytes = stackalloc byte[4];
        ReadExactly(reader, crcBytes, "checksum");
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(crcBytes);
        if (Crc32.Compute(payload) != expected)
            throw new InvalidDataException("Corrupt network: the checksum does not match the data.");
        try
        {
            return ParsePayload(payload, version, backend);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Corrupt network: the payload ends inside a record.", e);
        }
    }

    /// <summary>Reads a network from <paramref name="stream"/> (left open).</summary>
    public static Sequential Load(Stream stream, KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        return Read(reader, backend);
    }

    private static Sequential ParsePayload(byte[] payload, uint version, KernelBackend? backend)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        uint kind = reader.ReadUInt32();
        if (kind != SequentialKind)
            throw new InvalidDataException($"Unsupported network content kind {kind}.");
        int inputSize = reader.ReadInt32();
        int layerCount = reader.ReadInt32();
        if (inputSize < 1)
            throw new InvalidDataException($"Corrupt network: input size {inputSize}.");
        if (layerCount < 1 || layerCount > MaxLayers)
            throw new InvalidDataException($"Corrupt network: layer count {layerCount}.");
        var layers = new List<Layer>(layerCount);
        long total = 0;
        int previous = inputSize;
        for (int i = 0; i < layerCount; i++)
        {
            Layer layer = ReadLayer(reader, i, version);
            int count = reader.ReadInt32();
            if (count != layer.ParameterCount)
                throw new InvalidDataException($"Corrupt network: layer {i} ({layer}) records {count} parameters but has {layer.ParameterCount}.");
            if (layer.InputSize != previous)
                throw new InvalidDataException($"Corrupt network: layer {i} ({layer}) expects {layer.InputSize} inputs but receives {previous}.");
            previous = layer.OutputSize;
            total += count;
            layers.Add(layer);
        }
        long recorded = reader.ReadInt64();
        if (recorded != total)
            throw new InvalidDataException($"Corrupt network: {recorded} parameters recorded, the layers have {total}.");
        long remaining = payload.Length - reader.BaseStream.Position;
        if (remaining != 4 * total)
            throw new InvalidDataException($"Corrupt network: {remaining} bytes of parameters for {total} floats.");

        var network = new Sequential(layers, backend);
        Span<float> parameters = network.Parameters;
        ReadOnlySpan<byte> data = payload.AsSpan((int)reader.BaseStream.Position);
        for (int i = 0; i < parameters.Length; i++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(4 * i));
            if (!float.IsFinite(value))
                throw new InvalidDataException($"Corrupt network: parameter {i} is {value}.");
            parameters[i] = value;
        }
        return network;
    }

    private static Layer ReadLayer(BinaryReader reader, int index, uint version)
    {
        int type = reader.ReadInt32();
        LayerKind kind;
        BinaryReader specification = reader;
        long specificationEnd = -1, specificationLength = 0;
        if (type == RegisteredKindCode && version >= 2)
        {
            int idLength = reader.ReadInt32();
            if (idLength < 1 || idLength > LayerKind.MaxIdLength)
                throw new InvalidDataException($"Corrupt network: layer {index} has a kind id of {idLength} bytes.");
            string id = Encoding.ASCII.GetString(reader.ReadBytes(idLength));
            int length = reader.ReadInt32();
            if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                throw new InvalidDataException($"Corrupt network: layer {index} ('{id}') has a specification of {length} bytes.");
            kind = LayerKinds.Find(id)
                ?? throw new InvalidDataException(
                    $"The network's layer {index} is of kind '{id}', which is not registered: register its {nameof(LayerKind)} with {nameof(LayerKinds)}.{nameof(LayerKinds.Register)} before loading (the component that defines the layer does so when its model is loaded).");
            specificationEnd = reader.BaseStream.Position + length;
            specificationLength = length;
        }
        else
        {
            kind = (type > 0 ? LayerKinds.ForLegacyCode(type) : null)
                ?? throw new InvalidDataException($"Corrupt network: layer {index} has unknown type {type}.");
        }
        Layer layer;
        try
        {
            layer = kind.Read(specification);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Corrupt network: layer {index} ({kind.Id}) has an invalid specification: {e.Message}", e);
        }
        if (layer is null || layer.GetType() != kind.LayerType)
            throw new InvalidDataException($"Layer kind '{kind.Id}' read a {layer?.GetType().Name ?? "null"}; expected {kind.LayerType.Name}.");
        if (specificationEnd >= 0 && reader.BaseStream.Position != specificationEnd)
            throw new InvalidDataException($"Corrupt network: layer {index} ({kind.Id}) read {reader.BaseStream.Position - (specificationEnd - specificationLength)} bytes of its {specificationLength}-byte specification.");
        return layer;
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> destination, string what)
    {
        int read = 0;
        while (read < destination.Length)
        {
            int n = reader.Read(destination.Slice(read));
            if (n == 0)
                throw new InvalidDataException($"Truncated network: the data ends inside the {what} ({read} of {destination.Length} bytes).");
            read += n;
        }
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (float value in values)
            writer.Write(value);
    }
}
