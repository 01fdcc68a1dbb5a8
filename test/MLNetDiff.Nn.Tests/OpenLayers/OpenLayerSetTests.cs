using System;
using System.IO;
using System.Linq;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Diagnostics;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Serialization;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.OpenLayers;

/// <summary>A layer defined in this test project (not in the engine) trains, gradient-checks and round-trips through the
/// network format once its kind is registered; the engine has no switch to edit.</summary>
[TestClass]
public sealed class OpenLayerSetTests
{
    private static Sequential GatedNetwork(int features) => new(
    [
        new SigmoidGate(features, initialLogit: 0.5f),
        new Linear(features, 8, Activation.Tanh),
        new Linear(8, 1),
    ]);

    [TestMethod]
    public void TestLayerGradientChecks()
    {
        var gate = new SigmoidGate(5, 0.3f);
        float[] parameters = TestArrays.Normal(5, 4);
        GradientCheckResult result = GradientChecker.CheckLayer(gate, TestArrays.Normal(4 * 5, 5), 4, parameters);
        Assert.IsTrue(result.Passed, result.ToString());
        Assert.AreEqual(5 + 4 * 5, result.Checked, "every gate logit and every input is checked");

        Sequential network = GatedNetwork(5);
        network.Initialize(3);
        GradientCheckResult whole = GradientChecker.CheckNetwork(network, new BinaryCrossEntropyWithLogitsLoss(),
            TestArrays.Normal(6 * 5, 6), TestArrays.BinaryLabels(6, 7), 6);
        Assert.IsTrue(whole.Passed, whole.ToString());
    }

    [TestMethod]
    public void TestLayerTrainsAndLearnsToCloseTheNoiseGates()
    {
        // Label = 1[x0 + x1 > 0]; features 2..5 are noise. An L2-free fit still moves the gates of the useful features up.
        const int rows = 2000, features = 6;
        float[] x = TestArrays.Normal(rows * features, 21);
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
            y[r] = x[r * features] + x[r * features + 1] > 0 ? 1f : 0f;
        Sequential network = GatedNetwork(features);
        network.Initialize(5);
        var trainer = new NetworkTrainer(network, new BinaryCrossEntropyWithLogitsLoss(), new TrainingOptions
        {
            Epochs = 15, BatchSize = 64, LearningRate = 1e-2f, Seed = 1,
        });
        TrainingResult result = trainer.Fit(new InMemoryDataset(x, features, y));
        Assert.IsLessThan(result.Epochs[0].TrainLoss * 0.5, result.Epochs[^1].TrainLoss, "the gated network learns");
        ReadOnlySpan<float> gates = network.GetLayerParameters(0);
        float useful = Math.Min(gates[0], gates[1]);
        for (int i = 2; i < features; i++)
            Assert.IsGreaterThan(gates[i], useful, $"gate {i} (noise) {gates[i]} vs useful {useful}");
    }

    [TestMethod]
    public void RegisteredTestLayerRoundTripsThroughTheSerializer()
    {
        LayerKinds.Register(new SigmoidGateKind());
        LayerKinds.Register(new SigmoidGateKind()); // idempotent: a static constructor may run it again
        Sequential network = GatedNetwork(4);
        network.Initialize(9);
        TestArrays.Normal(network.ParameterCount, 10).CopyTo(network.Parameters);
        using var stream = new MemoryStream();
        NetworkSerializer.Save(network, stream);
        byte[] bytes = stream.ToArray();
        Assert.AreEqual(2u, BitConverter.ToUInt32(bytes, 4), "a network with a registered kind is format version 2");

        Sequential loaded = NetworkSerializer.Load(new MemoryStream(bytes));
        Assert.IsInstanceOfType<SigmoidGate>(loaded.Layers[0]);
        Assert.AreEqual(0.5f, ((SigmoidGate)loaded.Layers[0]).InitialLogit);
        Assert.AreEqual(network.ToString(), loaded.ToString());
        CollectionAssert.AreEqual(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        float[] input = TestArrays.Normal(3 * 4, 11);
        var expected = new float[3];
        var actual = new float[3];
        network.Predict(input, 3, expected);
        loaded.Predict(input, 3, actual);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void BuiltInOnlyNetworksStayFormatVersionOne()
    {
        Sequential network = MultiLayerPerceptron.Create(3, [4], 1, seed: 1);
        using var stream = new MemoryStream();
        NetworkSerializer.Save(network, stream);
        Assert.AreEqual(1u, BitConverter.ToUInt32(stream.ToArray(), 4), "existing readers keep reading new built-in-only files");
    }

    [TestMethod]
    public void UnregisteredKindsFailWithTheirIdAndTheRemedy()
    {
        var network = new Sequential([new UnregisteredLayer(2), new Linear(2, 1)]);
        var write = Assert.ThrowsExactly<NotSupportedException>(() => NetworkSerializer.Save(network, new MemoryStream()));
        StringAssert.Contains(write.Message, nameof(UnregisteredLayer));
        StringAssert.Contains(write.Message, "LayerKinds.Register");

        // A file naming a kind this process never registered: patch a registered id in a saved network.
        LayerKinds.Register(new SigmoidGateKind());
        using var stream = new MemoryStream();
        NetworkSerializer.Save(GatedNetwork(2), stream);
        byte[] bytes = stream.ToArray();
        byte[] id = System.Text.Encoding.ASCII.GetBytes(SigmoidGateKind.KindId);
        int at = IndexOf(bytes, id);
        bytes[at] = (byte)'x'; // "xests.sigmoid-gate"
        FixChecksum(bytes);
        var read = Assert.ThrowsExactly<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(bytes)));
        StringAssert.Contains(read.Message, "'xests.sigmoid-gate'");
        StringAssert.Contains(read.Message, "not registered");
    }

    [TestMethod]
    public void ConflictingRegistrationsAreRejected()
    {
        var clash = Assert.ThrowsExactly<ArgumentException>(() => LayerKinds.Register(new ClashingKind()));
        StringAssert.Contains(clash.Message, "'mlnetdiff.linear'");
        Assert.AreSame(LayerKinds.ForType(typeof(Linear)), LayerKinds.Find("mlnetdiff.linear"));
        Assert.ThrowsExactly<ArgumentException>(() => new BadIdKind());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }
        throw new InvalidOperationException("id not found");
    }

    // Header: magic (4), version (4), payload length (8), payload, CRC-32 of the payload (4).
    private static void FixChecksum(byte[] bytes)
    {
        int length = (int)BitConverter.ToInt64(bytes, 8);
        uint crc = Crc(bytes.AsSpan(16, length));
        BitConverter.GetBytes(crc).CopyTo(bytes, 16 + length);
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private sealed class UnregisteredLayer(int size) : Layer(size, size)
    {
        public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            ReadOnlySpan<float> input, Span<float> output, Span<float> scratch) => input.Slice(0, rows * InputSize).CopyTo(output);

        public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
            Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
            Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
            => outputGradient.Slice(0, rows * InputSize).CopyTo(inputGradient);
    }

    private sealed class ClashingKind() : LayerKind<UnregisteredLayer>("mlnetdiff.linear")
    {
        protected override void WriteSpecification(UnregisteredLayer layer, BinaryWriter writer) => writer.Write(layer.InputSize);

        protected override UnregisteredLayer ReadSpecification(BinaryReader reader) => new(reader.ReadInt32());
    }

    private sealed class BadIdKind() : LayerKind<UnregisteredLayer>("has space")
    {
        protected override void WriteSpecification(UnregisteredLayer layer, BinaryWriter writer) => writer.Write(layer.InputSize);

        protected override UnregisteredLayer ReadSpecification(BinaryReader reader) => new(reader.ReadInt32());
    }
}
