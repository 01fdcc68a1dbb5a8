using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// One pass over a batch source before training (specs/gfsnetwork.md §3.1-3.2): per-feature mean and 1/(std + 1e-6)
/// (std with N − 1; Welford, stable for large offsets), the class counts or the label's mean and std, and the row count.
/// The same pass serves in-memory and streamed data, so both train on identical numbers.
/// </summary>
internal sealed class GumbelDataStatistics
{
    private GumbelDataStatistics(long rows, double[] mean, double[] scale, double[] classCounts, double labelMean, double labelScale)
    {
        Rows = rows;
        Mean = mean;
        Scale = scale;
        ClassCounts = classCounts;
        LabelMean = labelMean;
        LabelScale = labelScale;
    }

    public long Rows { get; }

    public double[] Mean { get; }

    public double[] Scale { get; }

    /// <summary>Rows per class (classification), empty for regression.</summary>
    public double[] ClassCounts { get; }

    public double LabelMean { get; }

    /// <summary>1/std of the label (1 for a constant label).</summary>
    public double LabelScale { get; }

    public static GumbelDataStatistics Compute(BatchSource source, int classCount, int batchRows)
    {
        int d = source.FeatureCount;
        var mean = new double[d];
        var m2 = new double[d];
        var counts = new double[classCount];
        double labelMean = 0, labelM2 = 0;
        var x = new float[batchRows * d];
        var y = new float[batchRows];
        long n = 0;
        source.Reset(0);
        int rows;
        while ((rows = source.NextBatch(batchRows, x, y)) > 0)
        {
            for (int r = 0; r < rows; r++)
            {
                n++;
                ReadOnlySpan<float> row = x.AsSpan(r * d, d);
                for (int i = 0; i < d; i++)
                {
                    double delta = row[i] - mean[i];
                    mean[i] += delta / n;
                    m2[i] += delta * (row[i] - mean[i]);
                }
                if (classCount > 0)
                {
                    counts[(int)y[r]]++;
                }
                else
                {
                    double delta = y[r] - labelMean;
                    labelMean += delta / n;
                    labelM2 += delta * (y[r] - labelMean);
                }
            }
        }
        var scale = new double[d];
        for (int i = 0; i < d; i++)
            scale[i] = 1 / ((n > 1 ? Math.Sqrt(m2[i] / (n - 1)) : 0) + 1e-6);
        double labelSd = n > 1 ? Math.Sqrt(labelM2 / (n - 1)) : 0;
        return new GumbelDataStatistics(n, mean, scale, counts, labelMean, labelSd > 0 ? 1 / labelSd : 1);
    }

    /// <summary>(x − mean)·scale in place, rows × D, in double and rounded once to float; four lanes at a time where the
    /// hardware has them (the same IEEE operations per element as the scalar loop, so the same bits).</summary>
    public void Standardize(Span<float> x, int rows)
    {
        int d = Mean.Length;
        ref double mean = ref MemoryMarshal.GetArrayDataReference(Mean);
        ref double scale = ref MemoryMarshal.GetArrayDataReference(Scale);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = x.Slice(r * d, d);
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float rr = ref MemoryMarshal.GetReference(row);
                for (; i + 8 <= d; i += 8)
                {
                    (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref rr, (nuint)i));
                    lo = (lo - Vector256.LoadUnsafe(ref mean, (nuint)i)) * Vector256.LoadUnsafe(ref scale, (nuint)i);
                    hi = (hi - Vector256.LoadUnsafe(ref mean, (nuint)(i + 4))) * Vector256.LoadUnsafe(ref scale, (nuint)(i + 4));
                    Vector256.Narrow(lo, hi).StoreUnsafe(ref rr, (nuint)i);
                }
            }
            for (; i < d; i++)
                row[i] = (float)((row[i] - Mean[i]) * Scale[i]);
        }
    }
}
