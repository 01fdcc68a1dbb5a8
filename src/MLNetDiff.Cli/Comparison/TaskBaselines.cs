using System;
using System.Collections.Generic;
using System.Linq;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Comparison;

/// <summary>Every task the tool knows by its command word, with ML.NET's baseline trainers for it (the rows of
/// <c>compare &lt;task&gt;</c> besides MLNetDiff's own): what <c>train baseline --task T --trainer N</c> chooses from.</summary>
internal static class TaskBaselines
{
    public static IReadOnlyList<string> TaskNames { get; } =
        [BinaryTask.Instance.Name, MulticlassTask.Instance.Name, RegressionTask.Instance.Name, ClusteringTask.Labelled.Name, RankingTask.Instance.Name];

    /// <summary>The descriptor of a task word (clustering with or without a label); null for an unknown word.</summary>
    public static TaskDescriptor? Task(string name, bool labelled) => name.ToLowerInvariant() switch
    {
        "binary" => BinaryTask.Instance,
        "multiclass" => MulticlassTask.Instance,
        "regression" => RegressionTask.Instance,
        "clustering" => ClusteringTask.For(labelled),
        "ranking" => RankingTask.Instance,
        _ => null,
    };

    /// <summary>ML.NET's baselines of the task, in report order (clustering: KMeans with <paramref name="clusters"/>).</summary>
    public static IReadOnlyList<IComparedTrainer> Trainers(TaskDescriptor task, int clusters)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Name switch
        {
            "binary" => [MlNetBaselines.LogisticRegression(), MlNetBaselines.FastTree(), MlNetBaselines.LightGbm()],
            "multiclass" => MlNetMulticlassBaselines.All(),
            "regression" => MlNetRegressionBaselines.All(),
            "clustering" => MlNetClusteringBaselines.All(clusters),
            "ranking" => MlNetRankingBaselines.All(),
            _ => throw new ArgumentException($"No baselines for task '{task.Name}'.", nameof(task)),
        };
    }

    /// <summary>The trainer named <paramref name="name"/> (any case; null: the first), or a <see cref="CliException"/>
    /// listing the task's trainers.</summary>
    public static IComparedTrainer Find(TaskDescriptor task, string? name, int clusters)
    {
        IReadOnlyList<IComparedTrainer> trainers = Trainers(task, clusters);
        if (name is null)
            return trainers[0];
        return trainers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"--trainer '{name}' is not a {task.Name} baseline; use one of {string.Join(", ", trainers.Select(t => t.Name))}.");
    }
}
