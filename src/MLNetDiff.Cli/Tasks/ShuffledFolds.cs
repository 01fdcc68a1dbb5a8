using System;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Seeded shuffled k-fold (<see cref="ShuffledKFold"/>) for tasks without classes or groups.</summary>
internal sealed class ShuffledFolds(int minRowsPerFold, string why) : FoldScheme
{
    public int MinRowsPerFold { get; } = minRowsPerFold;

    public override string Kind => "shuffled";

    public override int[] Assign(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount < MinRowsPerFold * folds)
        {
            throw new CliException(
                $"'{table.Name}' has {table.RowCount} rows; {folds}-fold cross-validation needs at least {MinRowsPerFold * folds} ({MinRowsPerFold} per fold{why}).");
        }
        return ShuffledKFold.Assign(table.RowCount, folds, seed);
    }
}
