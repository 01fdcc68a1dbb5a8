using System.Collections.Generic;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Output;

/// <summary>What <c>train baseline</c> reports: the trainer, its task's metrics on the training rows (<see cref="TaskDescriptor.Metrics"/>
/// order) and the seconds of the fit. <paramref name="Clusters"/> is k for clustering (0 otherwise).</summary>
internal sealed record TrainBaselineSummary(string ModelPath, CsvTable Table, TaskDescriptor Task, string Trainer, int Clusters,
    IReadOnlyList<double> TrainingMetrics, double Seconds);
