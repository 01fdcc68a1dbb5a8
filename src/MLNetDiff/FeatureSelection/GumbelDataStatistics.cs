using System;
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

    /// <summary>(x − mean)·scale in place, rows × D.</summary>
    public void Standardize(Span<float> x, int rows)
    {
        int d = Mean.Length;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = x.Slice(r * d, d);
            for (int i = 0; i < d; i++)
                row[i] = (float)((row[i] - Mean[i]) * Scale[i]);
        }
    }
}
