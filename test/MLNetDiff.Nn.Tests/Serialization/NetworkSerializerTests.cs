using System;
using System.IO;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Serialization;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Serialization;

[TestClass]
public sealed class NetworkSerializerTests
{
    private static Sequential Network() => new(
    [
        new Linear(6, 8, Activation.LeakyRelu, activationAlpha: 0.05f),
        new LayerNorm(8, 1e-4f),
        new Dropout(8, 0.2f),
        new ActivationLayer(8, Activation.Tanh),
        new Linear(8, 3, hasBias: false),
    ]);

    private static byte[] Save(Sequential network)
    {
        using var stream = new MemoryStream();
        NetworkSerializer.Save(network, stream);
        return stream.ToArray();
    }

    [TestMethod]
    public void RoundTripIsBitIdentical()
    {
        Sequential network = Network();
        network.Initialize(11);
        TestArrays.Normal(network.ParameterCount, 3).CopyTo(network.Parameters);
        byte[] bytes = Save(network);
        Sequential loaded = NetworkSerializer.Load(new MemoryStream(bytes));
        Assert.AreEqual(network.ToString(), loaded.ToString());
        CollectionAssert.AreEqual(
            Array.ConvertAll(network.Parameters.ToArray(), BitConverter.SingleToInt32Bits),
            Array.ConvertAll(loaded.Parameters.ToArray(), BitConverter.SingleToInt32Bits));
        float[] x = TestArrays.Normal(5 * 6, 4);
        float[] a = new float[15], b = new float[15];
        network.Predict(x, 5, a);
        loaded.Predict(x, 5, b);
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreEqual(bytes, Save(loaded));
    }

    [TestMethod]
    public void ReaderStopsExactlyAtTheEndOfTheNetwork()
    {
        Sequential network = MultiLayerPerceptron.Create(3, [2], 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            NetworkSerializer.Write(writer, network);
            writer.Write(12345);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        NetworkSerializer.Read(reader);
        Assert.AreEqual(12345, reader.ReadInt32());
    }

    [TestMethod]
    public void TruncatedDataIsRejectedAtEveryLength()
    {
        byte[] bytes = Save(MultiLayerPerceptron.Create(3, [2], 1));
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(bytes, 0, length)), $"length {length}");
            Assert.IsFalse(string.IsNullOrEmpty(e.Message));
        }
    }

    [TestMethod]
    public void CorruptDataIsRejected()
    {
        byte[] bytes = Save(Network());
        for (int i = 0; i < bytes.Length; i += 7)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x5A;
            Assert.ThrowsExactly<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(corrupt)), $"byte {i}");
        }
        byte[] badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(badMagic))).Message, "magic");
        byte[] badVersion = (byte[])bytes.Clone();
        badVersion[4] = 9;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(badVersion))).Message, "version 9");
    }

    [TestMethod]
    public void StartsWithMagicAndVersion()
    {
        byte[] bytes = Save(MultiLayerPerceptron.Create(3, [], 1));
        CollectionAssert.AreEqual("MLND"u8.ToArray(), bytes[..4]);
        Assert.AreEqual(1u, BitConverter.ToUInt32(bytes, 4));
    }

    [TestMethod]
    public void CustomLayersCannotBeSaved()
    {
        var network = new Sequential([new IdentityLayer(3)]);
        Assert.ThrowsExactly<NotSupportedException>(() => Save(network));
    }

    private sealed class IdentityLayer(int size) : Layer(size, size)
    {
        public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            ReadOnlySpan<float> input, Span<float> output, Span<float> scratch) => input.Slice(0, rows * InputSize).CopyTo(output);

        public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
            Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
        {
            if (!inputGradient.IsEmpty)
                outputGradient.Slice(0, rows * InputSize).CopyTo(inputGradient);
        }
    }
}
