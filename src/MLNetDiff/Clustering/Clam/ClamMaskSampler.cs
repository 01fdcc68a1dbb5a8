using System;
using System.Numerics;
using MLNetDiff.Kernels;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// Training masks of B3 with the proposed fix: max(1, ⌊p·d⌋) coordinates per mask drawn WITHOUT replacement from
/// 0..d−1 (the reference draws with replacement from 1..d−1, so feature 0 is never masked); uniforms from the kernel
/// layer's Philox at a running counter, so a seed reproduces every mask.
/// </summary>
internal sealed class ClamMaskSampler
{
    private readonly KernelBackend _backend;
    private readonly ulong _seed;
    private readonly int _dimension;
    private readonly int[] _indices;
    private readonly float[] _uniforms;
    private ulong _counter;

    public ClamMaskSampler(KernelBackend backend, ulong seed, int dimension, double probability, int maxRows)
    {
        _backend = backend;
        _seed = seed;
        _dimension = dimension;
        Count = Math.Clamp((int)(probability * dimension), 1, dimension);
        _indices = new int[dimension];
        _uniforms = new float[checked(maxRows * Count)];
    }

    /// <summary>Masked coordinates per mask.</summary>
    public int Count { get; }

    /// <summary>Writes rows×d masks (1 = masked) and v^0 = x with masked coordinates set to the feature's fill value;
    /// <paramref name="shared"/>: one mask for every row (a dim_change_cycle epoch) instead of one per row.</summary>
    public void Draw<T>(ReadOnlySpan<T> x, int rows, bool shared, ReadOnlySpan<T> fill, Span<T> mask, Span<T> v0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = _dimension, c = Count, draws = shared ? c : rows * c;
        Span<float> u = _uniforms.AsSpan(0, draws);
        _backend.RandomUniform(_seed, _counter, u);
        _counter += (ulong)draws;
        mask.Slice(0, rows * d).Clear();
        x.Slice(0, rows * d).CopyTo(v0);
        for (int b = 0; b < rows; b++)
        {
            if (!shared || b == 0)
                PartialShuffle(u.Slice(shared ? 0 : b * c, c));
            for (int j = 0; j < c; j++)
            {
                int i = b * d + _indices[j];
                mask[i] = T.One;
                v0[i] = fill[_indices[j]];
            }
        }
    }

    // The first c entries of a Fisher–Yates shuffle of 0..d−1: a uniform c-subset. u ∈ (0,1) with 24 bits, so the
    // pick is uniform up to 2^-24 per choice.
    private void PartialShuffle(ReadOnlySpan<float> u)
    {
        int d = _dimension;
        for (int i = 0; i < d; i++)
            _indices[i] = i;
        for (int j = 0; j < u.Length; j++)
        {
            int r = j + Math.Min(d - j - 1, (int)(u[j] * (d - j)));
            (_indices[j], _indices[r]) = (_indices[r], _indices[j]);
        }
    }
}
