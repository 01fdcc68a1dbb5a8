using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering;

/// <summary>
/// Batch k-means (Lloyd) on a block of codes in memory, for the seeding restarts of deep NeuralKMeans
/// (<see cref="NeuralKMeansDeepFit"/>): from k-means++ seeds, alternate the hard assignment (lowest index on ties) and
/// the weighted mean of each cluster (re-normalised in the spherical geometry; a cluster that got no row keeps its
/// prototype) until no row changes cluster or <c>maxIterations</c> passes ran. Returns the weighted mean squared distance
/// to the nearest prototype after the last update (the k-means objective the restarts compare).
/// </summary>
internal static class LatentLloyd
{
    public static double Run(ReadOnlySpan<float> codes, ReadOnlySpan<float> weights, int rows, int m, float[] prototypes,
        bool spherical, int maxIterations, KernelBackend backend)
    {
        int k = prototypes.Length / m;
        var distances = new float[rows * k];
        var assignment = new int[rows];
        Array.Fill(assignment, -1);
        var sums = new double[k * m];
        var clusterWeights = new double[k];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            backend.SquaredEuclideanDistances(rows, k, m, codes, prototypes, distances);
            bool changed = false;
            Array.Clear(sums);
            Array.Clear(clusterWeights);
            for (int r = 0; r < rows; r++)
            {
                int nearest = Nearest(distances.AsSpan(r * k, k));
                changed |= nearest != assignment[r];
                assignment[r] = nearest;
                double w = weights.IsEmpty ? 1 : weights[r];
                if (!(w > 0))
                    continue;
                clusterWeights[nearest] += w;
                for (int j = 0; j < m; j++)
                    sums[nearest * m + j] += w * codes[r * m + j];
            }
            if (!changed)
                break;
            for (int c = 0; c < k; c++)
            {
                if (!(clusterWeights[c] > 0))
                    continue;
                Span<double> s = sums.AsSpan(c * m, m);
                double norm = 0;
                for (int j = 0; j < m; j++)
                {
                    s[j] /= clusterWeights[c];
                    norm += s[j] * s[j];
                }
                norm = Math.Sqrt(norm);
                if (spherical && norm <= UnitSpherePrototypeMap.NormFloor)
                    continue;
                for (int j = 0; j < m; j++)
                    prototypes[c * m + j] = (float)(spherical ? s[j] / norm : s[j]);
            }
        }
        backend.SquaredEuclideanDistances(rows, k, m, codes, prototypes, distances);
        double objective = 0, total = 0;
        for (int r = 0; r < rows; r++)
        {
            double w = weights.IsEmpty ? 1 : weights[r];
            ReadOnlySpan<float> row = distances.AsSpan(r * k, k);
            objective += w * row[Nearest(row)];
            total += w;
        }
        return objective / Math.Max(total, double.Epsilon);
    }

    private static int Nearest(ReadOnlySpan<float> distances)
    {
        int nearest = 0;
        for (int j = 1; j < distances.Length; j++)
        {
            if (distances[j] < distances[nearest])
                nearest = j;
        }
        return nearest;
    }
}
