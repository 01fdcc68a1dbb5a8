using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>How a task deals rows into folds: stratified by class (classification), whole groups (ranking), or plain
/// shuffled k-fold (regression, clustering). Each scheme checks that the table can give the folds it is asked for.</summary>
internal abstract class FoldScheme
{
    /// <summary>For the report title: "stratified", "grouped", "shuffled".</summary>
    public abstract string Kind { get; }

    /// <summary>The fold of every row; a <see cref="CliException"/> saying what the table lacks when it cannot give
    /// <paramref name="folds"/> folds.</summary>
    public abstract int[] Assign(CsvTable table, int folds, int seed);
}
