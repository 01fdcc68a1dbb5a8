using System;

namespace MLNetDiff.Clustering;

/// <summary>
/// TELL's "k-means as a layer" identities (spec A2, A3), in double: the cluster layer W_j = 2αΩ_j, b_j = −α‖Ω_j‖², whose
/// logits W_jᵀx + b_j = α(‖x‖² − ‖x − Ω_j‖²) give softmax_j(−α‖x − Ω_j‖²), and the reference loss. The trainer works
/// with the prototypes directly (Ω = W/(2α)); these are what the layer view means, and what the tests hold it to.
/// </summary>
internal static class NeuralKMeansLayer
{
    /// <summary>W (K × d) = 2αΩ.</summary>
    public static double[] Weights(ReadOnlySpan<double> prototypes, double alpha)
    {
        var w = new double[prototypes.Length];
        for (int i = 0; i < w.Length; i++)
            w[i] = 2 * alpha * prototypes[i];
        return w;
    }

    /// <summary>Ω = W/(2α): the prototypes back from the layer's weights.</summary>
    public static double[] Prototypes(ReadOnlySpan<double> weights, double alpha)
    {
        var p = new double[weights.Length];
        for (int i = 0; i < p.Length; i++)
            p[i] = weights[i] / (2 * alpha);
        return p;
    }

    /// <summary>b_j = −α‖Ω_j‖² (the bias; on the unit sphere it is the constant −α and the reference drops it).</summary>
    public static double[] Biases(ReadOnlySpan<double> prototypes, int d, double alpha)
    {
        int k = prototypes.Length / d;
        var b = new double[k];
        for (int j = 0; j < k; j++)
        {
            double sq = 0;
            for (int f = 0; f < d; f++)
                sq += prototypes[j * d + f] * prototypes[j * d + f];
            b[j] = -alpha * sq;
        }
        return b;
    }

    /// <summary>The layer's logits W_jᵀx + b_j for one row.</summary>
    public static double[] Logits(ReadOnlySpan<double> x, ReadOnlySpan<double> prototypes, double alpha)
    {
        int d = x.Length, k = prototypes.Length / d;
        double[] w = Weights(prototypes, alpha);
        double[] b = Biases(prototypes, d, alpha);
        var logits = new double[k];
        for (int j = 0; j < k; j++)
        {
            double dot = 0;
            for (int f = 0; f < d; f++)
                dot += w[j * d + f] * x[f];
            logits[j] = dot + b[j];
        }
        return logits;
    }

    /// <summary>The reference loss of a batch on the sphere (spec A3): (0.01/α)·mean_{i,j}(2α − δ_ij s_ij), s_ij = W_jᵀz_i,
    /// δ the hard assignment.</summary>
    public static double ReferenceLoss(ReadOnlySpan<double> z, int rows, ReadOnlySpan<double> prototypes, double alpha)
    {
        int d = z.Length / rows, k = prototypes.Length / d;
        double[] w = Weights(prototypes, alpha);
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            int best = 0;
            double bestS = double.NegativeInfinity;
            var s = new double[k];
            for (int j = 0; j < k; j++)
            {
                for (int f = 0; f < d; f++)
                    s[j] += w[j * d + f] * z[i * d + f];
                if (s[j] > bestS)
                {
                    bestS = s[j];
                    best = j;
                }
            }
            for (int j = 0; j < k; j++)
                total += 2 * alpha - (j == best ? s[j] : 0);
        }
        return 0.01 / alpha * total / (rows * k);
    }
}
