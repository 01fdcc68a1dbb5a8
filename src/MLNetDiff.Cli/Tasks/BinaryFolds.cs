using System;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Stratified folds of a 0/1 label: both classes need a row in every fold (a test fold of one class has no AUC,
/// balanced accuracy or G-mean).</summary>
internal sealed class BinaryFolds : FoldScheme
{
    public static BinaryFolds Instance { get; } = new();

    public override string Kind => "stratified";

    public override int[] Assign(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.RequireBothClasses(folds, $"{folds}-fold stratified cross-validation");
        return StratifiedKFold.Assign(table.Labels, folds, seed);
    }
}
