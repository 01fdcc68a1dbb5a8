using System;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>Deterministic random arrays for tests.</summary>
internal static class TestArrays
{
    public static float[] Normal(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = scale * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return values;
    }

    public static float[] Uniform(int length, int seed, float low, float high)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = low + (high - low) * (float)random.NextDouble();
        return values;
    }

    public static float[] BinaryLabels(int length, int seed, double positiveRate = 0.4)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = random.NextDouble() < positiveRate ? 1f : 0f;
        return values;
    }

    /// <summary>A linearly separable-ish binary problem: label = 1[w·x + noise &gt; 0].</summary>
    public static (float[] Features, float[] Labels) LinearProblem(int rows, int features, int seed, float noise = 0.3f)
    {
        float[] x = Normal(rows * features, seed);
        float[] w = Normal(features, seed + 1);
        float[] eps = Normal(rows, seed + 2, noise);
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = eps[r];
            for (int c = 0; c < features; c++)
                s += x[r * features + c] * w[c];
            y[r] = s > 0 ? 1f : 0f;
        }
        return (x, y);
    }
}
