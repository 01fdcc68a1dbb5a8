using System;
using System.Linq;
using MLNetDiff.Clustering;
using MLNetDiff.Networks.Onnx;

namespace MLNetDiff.Tests.Clustering;

/// <summary>The shared prototype part, as a second clusterer (ClAM) would use it: a map of its own, restarts.</summary>
[TestClass]
public sealed class PrototypeModelTests
{
    /// <summary>A map that depends on the prototypes (as ClAM's dynamics do): one step halfway towards the nearest one.</summary>
    private sealed class HalfwayMap(float[] prototypes, int d) : PrototypeMap
    {
        public override string Name => "Halfway";

        public override void Apply(Span<float> values, int rows, int dimension)
        {
            for (int r = 0; r < rows; r++)
            {
                Span<float> v = values.Slice(r * dimension, dimension);
                int best = 0;
                float bestDistance = float.PositiveInfinity;
                for (int j = 0; j < prototypes.Length / d; j++)
                {
                    float distance = PrototypeModel.SquaredDistance(v, prototypes.AsSpan(j * d, d));
                    if (distance < bestDistance)
                    {
                        bestDistance = distance;
                        best = j;
                    }
                }
                for (int f = 0; f < d; f++)
                    v[f] = 0.5f * (v[f] + prototypes[best * d + f]);
            }
        }

        public override string? OnnxProblem => "the test map has no ONNX form";

        public override string WriteOnnx(OnnxLayerContext context, string input, int dimension)
            => throw new NotSupportedException();
    }

    [TestMethod]
    public void ACustomMap_IsWhatScoresAndExplanationsRead()
    {
        const int D = 3;
        float[] mean = [1, 2, 3], scale = [0.5f, 1, 2];
        float[] prototypes = [0, 0, 0, 4, 0, 0, 0, 4, 0];
        var map = new HalfwayMap(prototypes, D);
        var model = new PrototypeModel(mean, scale, prototypes, map);
        var random = new Random(1);
        for (int trial = 0; trial < 50; trial++)
        {
            float[] x = Enumerable.Range(0, D).Select(_ => (float)(10 * random.NextDouble() - 3)).ToArray();
            var z = new float[D];
            model.ToModelSpace(x, z);
            // z = halfway((x − μ)·s): the scores are the mapped row's squared distances.
            var expected = new float[D];
            for (int f = 0; f < D; f++)
                expected[f] = (x[f] - mean[f]) * scale[f];
            map.Apply(expected, 1, D);
            CollectionAssert.AreEqual(expected, z);
            var scores = new float[3];
            model.Score(x, 1, scores);
            for (int j = 0; j < 3; j++)
                Assert.AreEqual(PrototypeModel.SquaredDistance(z, prototypes.AsSpan(j * D, D)), scores[j]);
            ClusterExplanation e = model.Explain(x);
            Assert.AreEqual(scores[e.RunnerUpCluster] - (double)scores[e.AssignedCluster], e.Margin, 1e-5);
        }
        // Input-unit prototypes undo the standardisation: μ + Ω/s.
        CollectionAssert.AreEqual(new float[] { 9, 2, 3 }, model.PrototypeInInputUnits(1));
    }

    [TestMethod]
    public void SquaredDistance_EqualsTheScalarSum_AtEveryLength()
    {
        var random = new Random(2);
        for (int n = 0; n <= 67; n++)
        {
            float[] a = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
            float[] b = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
            double expected = a.Zip(b, (p, q) => ((double)p - q) * ((double)p - q)).Sum();
            Assert.AreEqual(expected, PrototypeModel.SquaredDistance(a, b), 1e-5 * (1 + expected), $"length {n}");
        }
    }

    /// <summary>The four-prototypes-per-pass scoring kernel gives the one-prototype loop's values bit for bit (the Score
    /// contract), at every width 0..67 and K 1..9 (blocks of four and the leftovers), on rows of mixed signs and scales.</summary>
    [TestMethod]
    public void BlockedDistances_EqualSquaredDistance_BitForBit()
    {
        var random = new Random(3);
        for (int m = 0; m <= 67; m++)
        {
            for (int k = 1; k <= 9; k++)
            {
                float[] z = Enumerable.Range(0, m).Select(_ => (float)(8 * random.NextDouble() - 4)).ToArray();
                float[] prototypes = Enumerable.Range(0, k * m).Select(_ => (float)(100 * random.NextDouble() - 50) / (1 + random.Next(50))).ToArray();
                var scores = new float[k];
                PrototypeDistances.Compute(z, prototypes, k, m, scores);
                for (int j = 0; j < k; j++)
                {
                    float expected = PrototypeModel.SquaredDistance(z, prototypes.AsSpan(j * m, m));
                    Assert.AreEqual(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(scores[j]),
                        $"m {m}, K {k}, prototype {j}: {expected} vs {scores[j]}");
                }
            }
        }
    }

    [TestMethod]
    public void Restarts_KeepTheLowestObjective_FirstOnTies_NeverNaN()
    {
        double[] objectives = [double.NaN, 3, 1, 1, 2];
        (string best, int index, double[] all) = PrototypeRestarts.Run(5, r => ($"run {r}", objectives[r]));
        Assert.AreEqual("run 2", best);
        Assert.AreEqual(2, index);
        CollectionAssert.AreEqual(objectives, all);
    }
}
