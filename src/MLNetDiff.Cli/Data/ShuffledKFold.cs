using System;
using System.Linq;

namespace MLNetDiff.Cli.Data;

/// <summary>Deterministic k-fold for tasks without classes (regression): the rows are shuffled (seeded) and dealt to
/// the folds in turn, so fold sizes differ by at most one row.</summary>
internal static class ShuffledKFold
{
    public static int[] Assign(int rows, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        int[] order = Enumerable.Range(0, rows).ToArray();
        new SplitMix64((ulong)(uint)seed ^ 0x5EED_F01D_0000_0001UL).Shuffle(order);
        var fold = new int[rows];
        for (int k = 0; k < rows; k++)
            fold[order[k]] = k % folds;
        return fold;
    }
}
