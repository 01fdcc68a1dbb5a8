using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Comparison;

/// <summary>
/// k-fold comparison of a task's trainers: the task deals the rows into folds (stratified for classification, whole
/// groups for ranking, shuffled otherwise); for each fold
/// every trainer fits on the other folds (timed: the fit only), and ML.NET's evaluator for the task scores the held-out
/// fold. Fold k's seed is <c>seed + k</c> for every trainer. Before the folds each trainer is fitted once, untimed, on
/// at most <see cref="WarmUpRows"/> rows spread over fold 1's training rows, so that the timings measure training
/// rather than JIT compilation and native-library loading.
/// A trainer that throws on a fold (LightGbm grows no tree on a few dozen rows, for example) becomes a failed row with
/// the fold, its rows and the error; the others go on. A warm-up failure is ignored: the folds have more rows.
/// </summary>
internal sealed class ComparisonRunner(TaskDescriptor task, IReadOnlyList<IComparedTrainer> trainers, int folds, int seed)
{
    public const int WarmUpRows = 100;

    public IReadOnlyList<IComparedTrainer> Trainers { get; } = trainers;

    public IReadOnlyList<TrainerResult> Run(CsvTable table, Action<ComparisonProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] assignment = task.AssignFolds(table, folds, seed);
        var results = Trainers.Select(_ => new List<FoldResult>(folds)).ToArray();
        var failures = new string?[Trainers.Count];
        var ml = new MLContext(seed);
        int total = folds * Trainers.Count, done = 0;
        WarmUp(ml, table, assignment, progress);
        for (int k = 0; k < folds; k++)
        {
            (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, k);
            IDataView train = View(ml, table, trainRows);
            IDataView test = View(ml, table, testRows);
            for (int t = 0; t < Trainers.Count; t++)
            {
                IComparedTrainer trainer = Trainers[t];
                progress?.Invoke(new ComparisonProgress(done, total, $"fold {k + 1}/{folds}: {trainer.Name}"));
                done++;
                if (failures[t] is not null)
                    continue;
                try
                {
                    var clock = Stopwatch.StartNew();
                    ITransformer model = trainer.Fit(train, seed + k);
                    double seconds = clock.Elapsed.TotalSeconds;
                    results[t].Add(new FoldResult(task.Evaluate(ml, model.Transform(test)), seconds));
                }
#pragma warning disable CA1031 // Whatever one trainer throws is its failed row; the comparison goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures[t] = $"fold {k + 1}, trained on {task.DescribeRows(table, trainRows)}: {Message(e)}";
                }
            }
        }
        progress?.Invoke(new ComparisonProgress(done, total, "done"));
        return Trainers.Select((trainer, t) => failures[t] is { } failure
            ? TrainerResult.FailedAt(trainer.Name, failure)
            : new TrainerResult(trainer.Name, results[t])).ToArray();
    }

    /// <summary>The rows as the task's trainers read them: the in-memory columns plus the task's keys (multiclass label,
    /// ranking group).</summary>
    private IDataView View(MLContext ml, CsvTable table, int[] rows) =>
        task.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, rows, textColumns: true));

    /// <summary>The innermost message (reflection and ML.NET wrap the real one), with its exception type.</summary>
    internal static string Message(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException is not null)
            e = e.InnerException;
        return $"{e.Message} ({e.GetType().Name})";
    }

    private void WarmUp(MLContext ml, CsvTable table, int[] assignment, Action<ComparisonProgress>? progress)
    {
        int[] trainRows = StratifiedKFold.Split(assignment, 0).Train;
        // Every stride-th row, so a file sorted by label still gives both classes.
        int stride = Math.Max(1, (trainRows.Length + WarmUpRows - 1) / WarmUpRows);
        int[] rows = trainRows.Where((_, i) => i % stride == 0).ToArray();
        IDataView data = View(ml, table, rows);
        foreach (IComparedTrainer trainer in Trainers)
        {
            progress?.Invoke(new ComparisonProgress(0, folds * Trainers.Count, $"warm-up: {trainer.Name}"));
            try
            {
                _ = trainer.Fit(data, seed).Transform(data).Preview(1);
            }
#pragma warning disable CA1031 // The warm-up only loads code; a trainer that cannot fit is reported by the folds.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
