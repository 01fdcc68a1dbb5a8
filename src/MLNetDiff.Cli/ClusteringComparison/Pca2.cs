using System;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>The two leading principal axes of row-major data, by power iteration on the covariance without forming it
/// (v ← Xᵀ(Xv) over centred rows, the second kept orthogonal to the first): O(iterations·n·d), enough for a picture.
/// Deterministic: a fixed start vector, and each axis's sign chosen so that its largest component is positive.</summary>
internal sealed class Pca2
{
    private const int Iterations = 300;

    private Pca2(double[] mean, double[] first, double[] second)
    {
        Mean = mean;
        First = first;
        Second = second;
    }

    public double[] Mean { get; }

    public double[] First { get; }

    public double[] Second { get; }

    public static Pca2 Fit(float[] x, int dimension)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Length / dimension;
        var mean = new double[dimension];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < dimension; j++)
                mean[j] += x[r * dimension + j];
        }
        for (int j = 0; j < dimension; j++)
            mean[j] /= Math.Max(1, n);
        double[] first = Axis(x, dimension, mean, null);
        double[] second = dimension > 1 ? Axis(x, dimension, mean, first) : new double[dimension];
        return new Pca2(mean, first, second);
    }

    /// <summary>The coordinates of one point (a row or a prototype) on the two axes.</summary>
    public (double X, double Y) Project(ReadOnlySpan<float> point)
    {
        double a = 0, b = 0;
        for (int j = 0; j < point.Length; j++)
        {
            double c = point[j] - Mean[j];
            a += c * First[j];
            b += c * Second[j];
        }
        return (a, b);
    }

    private static double[] Axis(float[] x, int dimension, double[] mean, double[]? orthogonalTo)
    {
        int n = x.Length / dimension;
        var random = new Random(1);
        var v = new double[dimension];
        for (int j = 0; j < dimension; j++)
            v[j] = random.NextDouble() - 0.5;
        Orthonormalize(v, orthogonalTo);
        var next = new double[dimension];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(next);
            for (int r = 0; r < n; r++)
            {
                double dot = 0;
                for (int j = 0; j < dimension; j++)
                    dot += (x[r * dimension + j] - mean[j]) * v[j];
                for (int j = 0; j < dimension; j++)
                    next[j] += dot * (x[r * dimension + j] - mean[j]);
            }
            // Constant data has no axis: keep the start vector.
            if (!Orthonormalize(next, orthogonalTo))
                break;
            double change = 0;
            for (int j = 0; j < dimension; j++)
                change = Math.Max(change, Math.Abs(next[j] - v[j]));
            (v, next) = (next, v);
            if (change < 1e-9)
                break;
        }
        int largest = 0;
        for (int j = 1; j < dimension; j++)
        {
            if (Math.Abs(v[j]) > Math.Abs(v[largest]))
                largest = j;
        }
        if (v[largest] < 0)
        {
            for (int j = 0; j < dimension; j++)
                v[j] = -v[j];
        }
        return v;
    }

    private static bool Orthonormalize(double[] v, double[]? against)
    {
        if (against is not null)
        {
            double dot = 0;
            for (int j = 0; j < v.Length; j++)
                dot += v[j] * against[j];
            for (int j = 0; j < v.Length; j++)
                v[j] -= dot * against[j];
        }
        double norm = 0;
        foreach (double e in v)
            norm += e * e;
        norm = Math.Sqrt(norm);
        if (norm < 1e-300)
            return false;
        for (int j = 0; j < v.Length; j++)
            v[j] /= norm;
        return true;
    }
}
