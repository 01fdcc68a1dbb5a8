using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;

namespace MLNetDiff.Cli.Tasks;

/// <summary>A task whose ML.NET evaluator returns <typeparamref name="TMetrics"/>: each metric column is a name plus the
/// property of ML.NET's metrics object it reads, so the metric list and its values cannot get out of order.</summary>
internal abstract class TaskDescriptor<TMetrics> : TaskDescriptor
{
    private readonly (TaskMetric Metric, Func<TMetrics, double> Read)[] _metrics;

    protected TaskDescriptor(params (TaskMetric Metric, Func<TMetrics, double> Read)[] metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        Metrics = metrics.Select(m => m.Metric).ToArray();
    }

    public sealed override IReadOnlyList<TaskMetric> Metrics { get; }

    public sealed override double[] Evaluate(MLContext ml, IDataView scored)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(scored);
        TMetrics metrics = RunEvaluator(ml, scored);
        return _metrics.Select(m => m.Read(metrics)).ToArray();
    }

    /// <summary>The task's ML.NET evaluator (<c>BinaryClassification.EvaluateNonCalibrated</c>, <c>Regression.Evaluate</c>, …).</summary>
    protected abstract TMetrics RunEvaluator(MLContext ml, IDataView scored);
}
