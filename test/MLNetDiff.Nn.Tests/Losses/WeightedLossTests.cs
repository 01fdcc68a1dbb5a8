using System;
using System.Linq;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Tests.Helpers;
using MLNetDiff.Nn.Training;

namespace MLNetDiff.Nn.Tests.Losses;

/// <summary>Row weights: an integer weight w counts a row w times (so the weighted loss equals the unweighted loss of the
/// rows repeated, and its gradient is the repeated rows' gradients summed); the normaliser is the sum of weights.</summary>
[TestClass]
public sealed class WeightedLossTests
{
    private static KernelBackend Backend => KernelBackends.Default;

    private static Loss Create(string name) => name switch
    {
        "bce" => new BinaryCrossEntropyWithLogitsLoss(2f, 0.5f),
        "mse" => new MeanSquaredErrorLoss(),
        "softmax" => new SoftmaxCrossEntropyLoss(),
        "softmax-class-weighted" => new SoftmaxCrossEntropyLoss([1f, 3f, 0.5f]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [TestMethod]
    [DataRow("bce")]
    [DataRow("mse")]
    [DataRow("softmax")]
    [DataRow("softmax-class-weighted")]
    public void IntegerWeightsEqualRepeatedRows(string name)
    {
        Loss loss = Create(name);
        const int rows = 4, outputs = 3;
        int labelSize = loss.GetLabelSize(outputs);
        float[] z = TestArrays.Normal(rows * outputs, 3, 1.5f);
        float[] y = labelSize == 1
            ? [2f, 0f, 1f, 2f]
            : TestArrays.Uniform(rows * outputs, 4, 0f, 1f);
        float[] w = [2f, 1f, 0f, 3f];

        // The repeated batch: row r appears w[r] times.
        int[] repeated = [.. Enumerable.Range(0, rows).SelectMany(r => Enumerable.Repeat(r, (int)w[r]))];
        float[] zr = [.. repeated.SelectMany(r => z.Skip(r * outputs).Take(outputs))];
        float[] yr = [.. repeated.SelectMany(r => y.Skip(r * labelSize).Take(labelSize))];
        var gr = new float[zr.Length];
        double expected = Create(name).Compute(Backend, zr, yr, repeated.Length, outputs, gr);

        var g = new float[z.Length];
        double actual = loss.Compute(Backend, z, y, w, rows, outputs, g);
        Assert.AreEqual(expected, actual, 1e-6 + 1e-6 * Math.Abs(expected), name);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double sum = 0;
                for (int k = 0; k < repeated.Length; k++)
                    sum += repeated[k] == r ? gr[k * outputs + j] : 0;
                Assert.AreEqual(sum, g[r * outputs + j], 1e-6 + 1e-5 * Math.Abs(sum), $"{name} row {r} output {j}");
            }
        }
    }

    [TestMethod]
    [DataRow("bce")]
    [DataRow("mse")]
    [DataRow("softmax")]
    public void UnitWeightsAreTheUnweightedLossAndZeroWeightsGiveNothing(string name)
    {
        float[] z = TestArrays.Normal(6 * 3, 8);
        float[] y = name == "softmax" ? [0f, 1f, 2f, 1f, 0f, 2f] : TestArrays.Uniform(6 * 3, 9, 0f, 1f);
        var plain = new float[z.Length];
        var weighted = new float[z.Length];
        double a = Create(name).Compute(Backend, z, y, 6, 3, plain);
        double b = Create(name).Compute(Backend, z, y, Enumerable.Repeat(1f, 6).ToArray(), 6, 3, weighted);
        Assert.AreEqual(a, b, 1e-6);
        for (int i = 0; i < z.Length; i++)
            Assert.AreEqual(plain[i], weighted[i], 1e-6f);

        var zero = Enumerable.Repeat(float.NaN, z.Length).ToArray();
        Assert.AreEqual(0.0, Create(name).Compute(Backend, z, y, new float[6], 6, 3, zero));
        Assert.IsTrue(zero.All(v => v == 0f), "an all-zero-weight batch has a zero gradient");
    }

    [TestMethod]
    public void LossesWithoutWeightSupportSayWhich()
    {
        var e = Assert.ThrowsExactly<NotSupportedException>(() =>
            new UnweightedLoss().Compute(Backend, [1f], [1f], [1f], 1, 1, default));
        StringAssert.Contains(e.Message, "Unweighted");
    }

    [TestMethod]
    public void WeightedAccuracyCountsEachRowByItsWeight()
    {
        float[] logits = [1f, -1f, 2f, -3f];
        float[] labels = [1f, 1f, 0f, 0f];     // correct, wrong, wrong, correct
        float[] weights = [3f, 1f, 0.5f, 0.5f];
        Assert.AreEqual(3.5 / 5.0, ValidationMetric.BinaryAccuracy.Compute(logits, labels, weights, 4, 1), 1e-12);
        Assert.AreEqual(0.5, ValidationMetric.BinaryAccuracy.Compute(logits, labels, default, 4, 1), 1e-12);
        float[] scores = [0.1f, 0.9f, 0.8f, 0.2f]; // two rows, two classes: arg-max 1, 0
        Assert.AreEqual(2.0 / 6.0, ValidationMetric.MulticlassAccuracy.Compute(scores, [1f, 1f], [2f, 4f], 2, 2), 1e-12);
    }

    private sealed class UnweightedLoss : Loss
    {
        public override string Name => "Unweighted";

        protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
            int rows, int outputSize, Span<float> outputGradient) => 0;
    }
}
