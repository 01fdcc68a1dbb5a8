using System;

namespace MLNetDiff.Clustering;

/// <summary>
/// The prototype updates of one mini-batch (spec A4, A5), given each prototype's weighted sum Σ w_i z_i and weight Σ w_i
/// of the batch rows assigned to it. A prototype that got no row (weight 0) is left exactly as it is (spec A10 (7)).
/// </summary>
internal static class NeuralKMeansSteps
{
    /// <summary>
    /// Euclidean mode: Ω_j ← Ω_j + η_j·(x̄_j − Ω_j), x̄_j the batch mean of the rows assigned to j, with the per-prototype
    /// step η_j = b_j / W_j (b_j the batch weight, W_j the weight seen so far in this run, b_j included): SGD on the hard
    /// k-means loss with MacQueen's 1/n step (Sculley's mini-batch k-means), so Ω_j is the running mean of its rows and
    /// settles instead of jittering.
    /// </summary>
    public static void Euclidean(Span<float> prototypes, Span<double> seen, ReadOnlySpan<double> sums,
        ReadOnlySpan<double> batchWeights, int d)
    {
        int k = batchWeights.Length;
        for (int j = 0; j < k; j++)
        {
            double b = batchWeights[j];
            if (!(b > 0))
                continue;
            seen[j] += b;
            double eta = b / seen[j];
            Span<float> p = prototypes.Slice(j * d, d);
            for (int f = 0; f < d; f++)
                p[f] = (float)(p[f] + eta * (sums[j * d + f] / b - p[f]));
        }
    }

    /// <summary>
    /// Spherical mode (spec A4, canonical form): ŝ_j = normalise(Σ w_i z_i), Ω_j ← normalise(Ω_j + η·ŝ_j). The step
    /// length does not depend on how many rows chose j, which lets a starved prototype migrate. Skipped when no row chose
    /// j or the sum vanishes (only zero rows, spec A9).
    /// </summary>
    public static void Spherical(Span<float> prototypes, ReadOnlySpan<double> sums, ReadOnlySpan<double> batchWeights,
        int d, double eta)
    {
        int k = batchWeights.Length;
        for (int j = 0; j < k; j++)
        {
            if (!(batchWeights[j] > 0))
                continue;
            ReadOnlySpan<double> s = sums.Slice(j * d, d);
            double norm = 0;
            foreach (double v in s)
                norm += v * v;
            norm = Math.Sqrt(norm);
            if (norm <= UnitSpherePrototypeMap.NormFloor)
                continue;
            Span<float> p = prototypes.Slice(j * d, d);
            var moved = new double[d];
            double movedNorm = 0;
            for (int f = 0; f < d; f++)
            {
                moved[f] = p[f] + eta * s[f] / norm;
                movedNorm += moved[f] * moved[f];
            }
            movedNorm = Math.Max(Math.Sqrt(movedNorm), UnitSpherePrototypeMap.NormFloor);
            for (int f = 0; f < d; f++)
                p[f] = (float)(moved[f] / movedNorm);
        }
    }

    /// <summary>Puts every seed on the unit sphere (a zero seed, from a zero row, becomes e_0).</summary>
    public static void NormalizeRows(Span<float> prototypes, int d)
    {
        for (int j = 0; j < prototypes.Length / d; j++)
        {
            Span<float> p = prototypes.Slice(j * d, d);
            double norm = 0;
            foreach (float v in p)
                norm += (double)v * v;
            norm = Math.Sqrt(norm);
            if (norm <= UnitSpherePrototypeMap.NormFloor)
            {
                p.Clear();
                p[0] = 1f;
                continue;
            }
            for (int f = 0; f < d; f++)
                p[f] = (float)(p[f] / norm);
        }
    }
}
