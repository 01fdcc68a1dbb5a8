using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Selection;

/// <summary>The tasks feature selection supports (binary, multiclass, regression): the label column each task's view
/// gives the selectors, the downstream trainers of <c>compare select</c>, its metric, and the task a label implies when
/// <c>--task</c> is not given.</summary>
internal static class SelectionTasks
{
    /// <summary>A whole-number label with more distinct values than this is read as a regression target.</summary>
    public const int MaxInferredClasses = 20;

    public static IReadOnlyList<string> Names { get; } = [BinaryTask.Instance.Name, MulticlassTask.Instance.Name, RegressionTask.Instance.Name];

    /// <summary>The descriptor of a --task word (validated at parse time).</summary>
    public static TaskDescriptor Parse(string name) =>
        Names.Contains(name.ToLowerInvariant()) ? TaskBaselines.Task(name, labelled: true)!
            : throw new CliException($"--task must be one of {string.Join(", ", Names)}; got '{name}'.");

    /// <summary>The column of the task's in-memory view a selector learns from: LabelBool (Boolean), LabelKey (the
    /// MapValueToKey of the classes) or Label (Single).</summary>
    public static string LabelColumn(TaskDescriptor task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task switch
        {
            BinaryTask => ColumnNames.LabelBool,
            MulticlassTask => ColumnNames.LabelKey,
            RegressionTask => ColumnNames.Label,
            _ => throw new ArgumentException($"Feature selection does not support task '{task.Name}'.", nameof(task)),
        };
    }

    /// <summary>The linear and the boosted downstream trainer of <c>compare select</c> (ML.NET's baselines of the task).</summary>
    public static IReadOnlyList<IComparedTrainer> Downstream(TaskDescriptor task) => task switch
    {
        BinaryTask => [MlNetBaselines.LogisticRegression(), MlNetBaselines.LightGbm()],
        MulticlassTask => [MlNetMulticlassBaselines.Lbfgs(), MlNetMulticlassBaselines.LightGbm()],
        RegressionTask => [MlNetRegressionBaselines.Sdca(), MlNetRegressionBaselines.LightGbm()],
        _ => throw new ArgumentException($"Feature selection does not support task '{task?.Name}'.", nameof(task)),
    };

    /// <summary>The reported metric: balanced accuracy (ML.NET's macro accuracy for multiclass, which is the same mean
    /// of per-class recalls) or R².</summary>
    public static (string Name, int Index) Metric(TaskDescriptor task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string source = task switch
        {
            BinaryTask => "BalancedAccuracy",
            MulticlassTask => "MacroAccuracy",
            _ => "RSquared",
        };
        int index = task.Metrics.Select(m => m.Name).ToList().IndexOf(source);
        return (task is RegressionTask ? "RSquared" : "BalancedAccuracy", index);
    }

    /// <summary>The task of an explicit --task, or the one the label implies (with the reason, for the report): values
    /// that are all 0/1 or false/true → binary; any non-numeric value, or at most <see cref="MaxInferredClasses"/>
    /// distinct whole numbers → multiclass; other numbers → regression.</summary>
    public static (TaskDescriptor Task, string Reason) Decide(string? given, string dataPath, string labelColumn)
    {
        if (given is not null)
            return (Parse(given), "given by --task");
        // Reading the label as classes accepts any non-empty cell, so the distinct values can be inspected before the
        // task that reads them for real is chosen.
        CsvTable probe = CsvTableReader.Read(dataPath, labelColumn, MulticlassTask.Instance);
        IReadOnlyList<string> values = probe.ClassNames;
        string column = probe.LabelColumn;
        if (values.All(v => CsvTableReader.TryParseLabel(v, out _)))
            return (BinaryTask.Instance, $"label '{column}' holds only {string.Join("/", values)}");
        string? text = values.FirstOrDefault(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (text is not null)
            return (MulticlassTask.Instance, $"label '{column}' holds text ('{text}'), {values.Count} distinct values");
        bool whole = values.All(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var x && x == Math.Floor(x));
        if (whole && values.Count <= MaxInferredClasses)
            return (MulticlassTask.Instance, $"label '{column}' holds {values.Count} distinct whole numbers, at most {MaxInferredClasses}: classes");
        return (RegressionTask.Instance, whole
            ? $"label '{column}' holds {values.Count} distinct whole numbers, more than {MaxInferredClasses}: a numeric target"
            : $"label '{column}' holds non-integer numbers");
    }
}
