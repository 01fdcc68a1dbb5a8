using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Selection;

/// <summary>
/// <c>compare select</c>: the task's folds (the same for every row); in each fold every selector is fitted on the
/// training part only (timed: its Fit), then each downstream trainer fits on the selected training columns and ML.NET's
/// evaluator scores the selected test part. Selectors: all features; GFSNetwork; ML.NET's mutual-information selector
/// keeping GFS's count of that fold; and the same keeping min(10, D). Fold k seeds GFS and the trainers with seed + k.
/// Before the folds GFS (one epoch) and MI are fitted once, untimed, on a few rows, so the first fold's seconds measure
/// the selection rather than JIT compilation. A selector or trainer that throws makes its rows failed rows; the
/// others go on.
/// </summary>
internal sealed class SelectionComparison(TaskDescriptor task, GfsSettings settings, int folds, int seed)
{
    public const string All = "all";
    public const string Gfs = "gfs";
    public const string MiAtGfs = "mi@gfs";
    public const string MiAtFixed = "mi@10";
    public const int FixedCount = 10;
    private const int WarmUpRows = 100;

    public static IReadOnlyList<string> Selectors { get; } = [All, Gfs, MiAtGfs, MiAtFixed];

    /// <summary>What the GFS fits warned of (a collapsed mask), prefixed with the fold; filled by <see cref="Run"/>.</summary>
    public List<string> Warnings { get; } = [];

    public IReadOnlyList<SelectionRow> Run(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] assignment = task.AssignFolds(table, folds, seed);
        IReadOnlyList<IComparedTrainer> trainers = SelectionTasks.Downstream(task);
        SelectionRow[][] rows = Selectors.Select(s => trainers.Select(t => new SelectionRow(s, t.Name)).ToArray()).ToArray();
        int metricIndex = SelectionTasks.Metric(task).Index;
        string label = SelectionTasks.LabelColumn(task);
        var ml = new MLContext(seed);
        WarmUp(ml, table, assignment, label);
        for (int k = 0; k < folds; k++)
        {
            (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, k);
            IDataView train = View(ml, table, trainRows);
            IDataView test = View(ml, table, testRows);
            int? gfsKept = null;
            for (int s = 0; s < Selectors.Count; s++)
            {
                if (rows[s].All(r => r.Failed))
                    continue;
                ITransformer? selection = null;
                double seconds = 0;
                int kept = table.FeatureCount;
                string? failure = null;
                try
                {
                    switch (Selectors[s])
                    {
                        case Gfs:
                            GfsFit fit = GfsFit.Run(new MLContext(seed + k), train, settings, label, seed + k);
                            (selection, seconds, kept) = (fit.Transformer, fit.Seconds, fit.Transformer.Count);
                            gfsKept = kept;
                            foreach (string warning in fit.Warnings)
                                Warnings.Add($"fold {k + 1}: {warning}");
                            break;
                        case MiAtGfs when gfsKept is null:
                            failure = $"fold {k + 1}: needs GFS's kept count, and GFS failed";
                            break;
                        case MiAtGfs:
                            (selection, seconds, kept) = MutualInformation(ml, train, label, gfsKept!.Value);
                            break;
                        case MiAtFixed:
                            (selection, seconds, kept) = MutualInformation(ml, train, label, Math.Min(FixedCount, table.FeatureCount));
                            break;
                    }
                }
#pragma warning disable CA1031 // Whatever a selector throws is its failed rows; the comparison goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = $"fold {k + 1}, selecting on {task.DescribeRows(table, trainRows)}: {ComparisonRunner.Message(e)}";
                }
                for (int t = 0; t < trainers.Count; t++)
                {
                    SelectionRow row = rows[s][t];
                    if (row.Failed)
                        continue;
                    if (failure is not null)
                    {
                        row.Fail(failure);
                        continue;
                    }
                    try
                    {
                        ITransformer model = trainers[t].Fit(selection?.Transform(train) ?? train, seed + k);
                        IDataView scored = model.Transform(selection?.Transform(test) ?? test);
                        row.Add(task.Evaluate(ml, scored)[metricIndex], kept, seconds);
                    }
#pragma warning disable CA1031 // Whatever one trainer throws is its failed row.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        row.Fail($"fold {k + 1}, trained on {task.DescribeRows(table, trainRows)}: {ComparisonRunner.Message(e)}");
                    }
                }
            }
        }
        return rows.SelectMany(r => r).ToArray();
    }

    /// <summary>ML.NET's mutual-information selector keeping <paramref name="count"/> slots, timed; the count it kept is
    /// read from its output (it keeps every slot when asked for all).</summary>
    private static (ITransformer Selection, double Seconds, int Kept) MutualInformation(MLContext ml, IDataView train, string label, int count)
    {
        var clock = Stopwatch.StartNew();
        ITransformer selection = ml.Transforms.FeatureSelection
            .SelectFeaturesBasedOnMutualInformation(ColumnNames.Features, ColumnNames.Features, label, slotsInOutput: count)
            .Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        int kept = selection.GetOutputSchema(train.Schema)[ColumnNames.Features].Type is VectorDataViewType { Size: var size } ? size : -1;
        return (selection, seconds, kept);
    }

    private IDataView View(MLContext ml, CsvTable table, int[] rows) =>
        task.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, rows, textColumns: true, slotNames: true));

    private void WarmUp(MLContext ml, CsvTable table, int[] assignment, string label)
    {
        int[] trainRows = StratifiedKFold.Split(assignment, 0).Train;
        int stride = Math.Max(1, (trainRows.Length + WarmUpRows - 1) / WarmUpRows);
        IDataView data = View(ml, table, trainRows.Where((_, i) => i % stride == 0).ToArray());
        try
        {
            _ = GfsFit.Run(new MLContext(seed), data, settings with { Epochs = 1 }, label, seed);
            _ = MutualInformation(ml, data, label, Math.Min(FixedCount, table.FeatureCount));
        }
#pragma warning disable CA1031 // The warm-up only loads code; a selector that cannot fit is reported by the folds.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
