using System;
using System.Collections.Generic;
using System.Linq;

namespace MLNetDiff.Cli.Data;

/// <summary>
/// Deterministic stratified k-fold assignment: the rows of each class are shuffled (seeded) and dealt to the folds in
/// turn, each class continuing where the previous one stopped (negatives after positives), so every fold keeps each class's rate (± 1 row per class) and fold
/// sizes differ by at most one row. (ML.NET's CrossValidate splits by a hash, not by class.)
/// </summary>
internal static class StratifiedKFold
{
    /// <summary>The fold (0 … <paramref name="folds"/> − 1) of each row; label &gt; 0.5 is the positive class (dealt
    /// first).</summary>
    public static int[] Assign(ReadOnlySpan<float> labels, int folds, int seed)
    {
        var classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            classes[i] = labels[i] > 0.5f ? 0 : 1;
        return AssignClasses(classes, 2, folds, seed);
    }

    /// <summary>The fold of each row by class (0 … <paramref name="classCount"/> − 1): each class's rows are shuffled
    /// (seeded, in class order) and dealt to the folds in turn, each class continuing where the previous one stopped.</summary>
    public static int[] AssignClasses(ReadOnlySpan<int> classes, int classCount, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = new int[classes.Length];
        var random = new SplitMix64((ulong)(uint)seed ^ 0x5EED_F01D_0000_0000UL);
        var members = new List<int>[classCount];
        for (int c = 0; c < classCount; c++)
            members[c] = [];
        for (int i = 0; i < classes.Length; i++)
            members[classes[i]].Add(i);
        int[][] rows = members.Select(m => m.ToArray()).ToArray();
        foreach (int[] r in rows)
            random.Shuffle(r);
        int dealt = 0;
        foreach (int[] r in rows)
        {
            for (int k = 0; k < r.Length; k++)
                fold[r[k]] = (dealt + k) % folds;
            dealt += r.Length;
        }
        return fold;
    }

    /// <summary>Rows of fold <paramref name="k"/> (test) and of the other folds (training), each in row order.</summary>
    public static (int[] Train, int[] Test) Split(int[] assignment, int k)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int[] test = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] == k).ToArray();
        int[] train = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] != k).ToArray();
        return (train, test);
    }
}
