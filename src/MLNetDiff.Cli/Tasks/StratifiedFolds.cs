using System;
using System.Linq;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Stratified k-fold over the classes of a multiclass label (<see cref="StratifiedKFold.AssignClasses"/>): every
/// fold keeps each class's share. It needs two classes; a class rarer than the folds is a warning of the task, not an
/// error (some test folds lack it, as they would in ML.NET).</summary>
internal sealed class StratifiedFolds : FoldScheme
{
    public static StratifiedFolds Instance { get; } = new();

    public override string Kind => "stratified";

    public override int[] Assign(CsvTable table, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] counts = table.ClassCounts();
        if (counts.Count(c => c > 0) < 2)
        {
            throw new CliException($"Label column '{table.LabelColumn}' in '{table.Name}' holds one class only " +
                $"('{(table.ClassNames.Count > 0 ? table.ClassNames[0] : string.Empty)}'); classification needs at least two.");
        }
        if (table.RowCount < folds)
            throw new CliException($"'{table.Name}' has {table.RowCount} rows; {folds}-fold cross-validation needs at least {folds}.");
        var classes = new int[table.RowCount];
        for (int r = 0; r < classes.Length; r++)
            classes[r] = (int)table.Labels[r];
        return StratifiedKFold.AssignClasses(classes, table.ClassNames.Count, folds, seed);
    }
}
