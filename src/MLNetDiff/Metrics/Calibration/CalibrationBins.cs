using System;

namespace MLNetDiff.Metrics.Calibration;

/// <summary>Bin edges and bin membership for the binned metrics (spec calibration.md, Part A). Inputs are checked by the
/// callers.</summary>
internal static class CalibrationBins
{
    /// <summary>B + 1 edges b/B. Each edge is computed as b/B (the correctly rounded value) rather than b·(1/B), so a
    /// confidence written as the decimal 0.3 lands on the same side of the edge 3/10 as its decimal value says.</summary>
    public static double[] EqualWidthEdges(int numberOfBins)
    {
        var edges = new double[numberOfBins + 1];
        for (int b = 0; b <= numberOfBins; b++)
            edges[b] = b / (double)numberOfBins;
        return edges;
    }

    /// <summary>numpy's <c>interp(linspace(0, N, B + 1), arange(N), sorted)</c>: positions past N − 1 take the largest value.</summary>
    public static double[] EqualMassEdges(ReadOnlySpan<double> sorted, int numberOfBins)
    {
        int n = sorted.Length;
        var edges = new double[numberOfBins + 1];
        for (int b = 0; b <= numberOfBins; b++)
        {
            double x = b * (double)n / numberOfBins;
            int left = (int)Math.Floor(x);
            if (left >= n - 1)
                edges[b] = sorted[n - 1];
            else
                edges[b] = sorted[left] + (x - left) * (sorted[left + 1] - sorted[left]);
        }
        return edges;
    }

    /// <summary>The bin of <paramref name="value"/>: the first b with value ≤ edges[b + 1], so bins are (lower, upper] and the
    /// first bin also takes everything at or below its upper edge (it is closed at the bottom); values above the last edge
    /// (only possible through rounding) go to the last bin.</summary>
    public static int BinOf(double value, ReadOnlySpan<double> edges)
    {
        int lo = 0, hi = edges.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (value <= edges[mid + 1])
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    /// <summary>The reliability table of (confidence, outcome) pairs over <paramref name="edges"/>.</summary>
    public static ReliabilityBin[] Table(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> outcomes, ReadOnlySpan<double> edges)
    {
        int bins = edges.Length - 1;
        var counts = new int[bins];
        var confidenceSums = new double[bins];
        var outcomeSums = new double[bins];
        for (int i = 0; i < confidences.Length; i++)
        {
            int b = BinOf(confidences[i], edges);
            counts[b]++;
            confidenceSums[b] += confidences[i];
            if (outcomes[i])
                outcomeSums[b]++;
        }
        var table = new ReliabilityBin[bins];
        for (int b = 0; b < bins; b++)
        {
            table[b] = counts[b] == 0
                ? new ReliabilityBin(edges[b], edges[b + 1], 0, double.NaN, double.NaN)
                : new ReliabilityBin(edges[b], edges[b + 1], counts[b], confidenceSums[b] / counts[b], outcomeSums[b] / counts[b]);
        }
        return table;
    }

    public static double[] Edges(ReadOnlySpan<double> confidences, int numberOfBins, CalibrationBinning binning)
    {
        switch (binning)
        {
            case CalibrationBinning.EqualWidth:
                return EqualWidthEdges(numberOfBins);
            case CalibrationBinning.EqualMass:
                double[] sorted = confidences.ToArray();
                Array.Sort(sorted);
                return EqualMassEdges(sorted, numberOfBins);
            default:
                throw new ArgumentOutOfRangeException(nameof(binning), binning, "Expected EqualWidth or EqualMass.");
        }
    }

    /// <summary>Σ_b (n_b / N)·|acc_b − conf_b| over the non-empty bins.</summary>
    public static double WeightedGap(ReadOnlySpan<ReliabilityBin> table, int rows)
    {
        double sum = 0;
        foreach (ReliabilityBin bin in table)
        {
            if (bin.Count > 0)
                sum += bin.Count * Math.Abs(bin.Accuracy - bin.MeanConfidence);
        }
        return sum / rows;
    }

    /// <summary>max_b |acc_b − conf_b| over the non-empty bins.</summary>
    public static double MaximumGap(ReadOnlySpan<ReliabilityBin> table)
    {
        double max = 0;
        foreach (ReliabilityBin bin in table)
        {
            if (bin.Count > 0)
                max = Math.Max(max, Math.Abs(bin.Accuracy - bin.MeanConfidence));
        }
        return max;
    }
}
