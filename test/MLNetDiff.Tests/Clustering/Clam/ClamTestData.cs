using System;

namespace MLNetDiff.Tests.Clustering.Clam;

/// <summary>Seeded random inputs for the ClAM tests.</summary>
internal static class ClamTestData
{
    public static double[] Normal(int count, int seed, double scale = 1, double shift = 0)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = shift + scale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }

    /// <summary>rows×d of 0/1 with at least one 1 per row.</summary>
    public static double[] Mask(int rows, int d, int seed, double probability = 0.4)
    {
        var random = new Random(seed);
        var mask = new double[rows * d];
        for (int b = 0; b < rows; b++)
        {
            for (int i = 0; i < d; i++)
                mask[b * d + i] = random.NextDouble() < probability ? 1 : 0;
            mask[b * d + random.Next(d)] = 1;
        }
        return mask;
    }

    /// <summary>x with the masked coordinates replaced by <paramref name="fill"/> (B3's v^0).</summary>
    public static double[] Filled(double[] x, double[] mask, double fill)
    {
        var v0 = (double[])x.Clone();
        for (int i = 0; i < v0.Length; i++)
        {
            if (mask[i] != 0)
                v0[i] = fill;
        }
        return v0;
    }

    public static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}
