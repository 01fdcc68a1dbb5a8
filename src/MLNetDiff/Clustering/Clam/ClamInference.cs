using System;
using System.Numerics;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering.Clam;

/// <summary>Scores and labels of many rows (B5) through one dynamics workspace, in chunks of its batch size; linear in N.</summary>
internal static class ClamInference
{
    /// <param name="prototypes">K×d.</param>
    /// <param name="clusters">K.</param>
    /// <param name="data">N×d standardised rows.</param>
    /// <param name="rows">N.</param>
    /// <param name="dimension">d.</param>
    /// <param name="labels">N cluster indices 0..K−1 (argmin of the score, ties to the lowest).</param>
    /// <param name="scores">N×K squared distances of v^T to the prototypes, or empty when not wanted.</param>
    /// <param name="steps">T.</param>
    /// <param name="beta">β.</param>
    /// <param name="alpha">α.</param>
    /// <param name="backend">Kernel backend; null = default.</param>
    public static void Predict<T>(ReadOnlySpan<T> prototypes, int clusters, ReadOnlySpan<T> data, int rows, int dimension,
        int steps, double beta, double alpha, Span<int> labels, Span<T> scores, KernelBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (labels.Length < rows)
            throw new ArgumentException($"'labels' holds {labels.Length} values; {rows} rows need {rows}.", nameof(labels));
        if (!scores.IsEmpty && scores.Length < (long)rows * clusters)
            throw new ArgumentException($"'scores' holds {scores.Length} values; {rows} rows × {clusters} clusters need {(long)rows * clusters}.", nameof(scores));
        const int Chunk = 256;
        var dynamics = new ClamDynamics<T>(clusters, dimension, steps, beta, alpha, Math.Clamp(rows, 1, Chunk), backend);
        var chunkScores = new T[dynamics.MaxRows * clusters];
        for (int start = 0; start < rows; start += Chunk)
        {
            int n = Math.Min(Chunk, rows - start);
            dynamics.Score(prototypes, data.Slice(start * dimension, n * dimension), n, chunkScores);
            ClamDynamics<T>.Assign(chunkScores, n, clusters, labels.Slice(start, n));
            if (!scores.IsEmpty)
                chunkScores.AsSpan(0, n * clusters).CopyTo(scores.Slice(start * clusters));
        }
    }
}
