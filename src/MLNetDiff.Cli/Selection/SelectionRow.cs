using System;
using System.Collections.Generic;
using System.Linq;
using MLNetDiff.Cli.Comparison;

namespace MLNetDiff.Cli.Selection;

/// <summary>One row of <c>compare select</c>: a selector followed by a downstream trainer, over every fold (the metric,
/// the kept count and the selector's fit seconds of each), or why it failed.</summary>
internal sealed class SelectionRow(string selector, string downstream)
{
    private readonly List<double> _metric = [];
    private readonly List<int> _kept = [];
    private readonly List<double> _seconds = [];

    public string Selector { get; } = selector;

    public string Downstream { get; } = downstream;

    /// <summary>Null when every fold ran; otherwise the fold and the error.</summary>
    public string? Failure { get; private set; }

    public bool Failed => Failure is not null;

    public MeanStd Metric => Failed ? MeanStd.Of([]) : MeanStd.Of(_metric);

    public MeanStd Kept => Failed ? MeanStd.Of([]) : MeanStd.Of(_kept.Select(k => (double)k));

    public int KeptMin => _kept.Count == 0 ? 0 : _kept.Min();

    public int KeptMax => _kept.Count == 0 ? 0 : _kept.Max();

    /// <summary>Mean seconds of the selector's fit over folds (0 for "all", which fits nothing).</summary>
    public double SelectionSeconds => Failed || _seconds.Count == 0 ? double.NaN : _seconds.Average();

    public void Add(double metric, int kept, double seconds)
    {
        _metric.Add(metric);
        _kept.Add(kept);
        _seconds.Add(seconds);
    }

    public void Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Failure ??= reason;
    }
}
