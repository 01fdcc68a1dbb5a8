using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Selection;

/// <summary>One timed GFS fit, with the warnings the selector logs through ML.NET's channel (a collapsed mask), which
/// would otherwise be invisible to a command-line user.</summary>
internal sealed record GfsFit(GumbelFeatureSelectionTransformer Transformer, double Seconds, IReadOnlyList<string> Warnings)
{
    public static GfsFit Run(MLContext ml, IDataView train, GfsSettings settings, string labelColumn, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(settings);
        var warnings = new List<string>();
        void Collect(object? sender, LoggingEventArgs e)
        {
            if (e.Kind == ChannelMessageKind.Warning && e.Source.Contains(GumbelSource, StringComparison.Ordinal))
                lock (warnings)
                    warnings.Add(ForTheCli(e.RawMessage));
        }
        GumbelFeatureSelectionEstimator estimator = settings.CreateEstimator(ml, labelColumn, seed);
        ml.Log += Collect;
        try
        {
            var clock = Stopwatch.StartNew();
            GumbelFeatureSelectionTransformer transformer = estimator.Fit(train);
            return new GfsFit(transformer, clock.Elapsed.TotalSeconds, warnings);
        }
        finally
        {
            ml.Log -= Collect;
        }
    }

    /// <summary>The selector's advice names its option (Balance); the tool's user sets it as --lambda.</summary>
    private static string ForTheCli(string message) =>
        message.Replace("Lower Balance to keep more.", "Lower --lambda (or raise --min-features) to keep more.", StringComparison.Ordinal);

    /// <summary>The host name the selector logs under (its estimator's load name).</summary>
    private const string GumbelSource = "GumbelFeatureSelection";
}
