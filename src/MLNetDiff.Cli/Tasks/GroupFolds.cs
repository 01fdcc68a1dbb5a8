using System;
using System.Linq;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>k-fold by group (ranking): whole groups go to one fold, so no query is split between training and test. The
/// groups are shuffled (seeded) and each goes to the fold with the fewest rows so far, which keeps the fold sizes close
/// when group sizes differ.</summary>
internal sealed class GroupFolds : FoldScheme
{
    public static GroupFolds Instance { get; } = new();

    public override string Kind => "grouped";

    public override int[] Assign(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        int groups = table.GroupNames.Count;
        if (groups < folds)
        {
            throw new CliException($"Group column '{table.GroupColumn}' in '{table.Name}' has {groups} groups; " +
                $"{folds}-fold cross-validation by group needs at least {folds} (one per fold).");
        }
        var size = new int[groups];
        foreach (int g in table.Groups)
            size[g]++;
        int[] order = Enumerable.Range(0, groups).ToArray();
        new SplitMix64((ulong)(uint)seed ^ 0x5EED_F01D_0000_0002UL).Shuffle(order);
        var foldOfGroup = new int[groups];
        var rows = new int[folds];
        foreach (int g in order)
        {
            int smallest = 0;
            for (int k = 1; k < folds; k++)
            {
                if (rows[k] < rows[smallest])
                    smallest = k;
            }
            foldOfGroup[g] = smallest;
            rows[smallest] += size[g];
        }
        var fold = new int[table.RowCount];
        for (int r = 0; r < fold.Length; r++)
            fold[r] = foldOfGroup[table.Groups[r]];
        return fold;
    }
}
