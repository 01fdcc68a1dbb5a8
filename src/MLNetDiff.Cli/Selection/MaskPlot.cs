using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MLNetDiff.Cli.Data;
using ScottPlot;

namespace MLNetDiff.Cli.Selection;

/// <summary>The picture of a GFS fit (<c>select gfs --plot</c>): one bar per feature, its mask probability, sorted
/// descending; kept features coloured, dropped ones grey; a dashed line at the deterministic rule's cut; the data set
/// and the kept count in the title. Drawn with ScottPlot (SkiaSharp, no system fonts needed on Linux).</summary>
internal static class MaskPlot
{
    public const int DefaultWidth = 1000;
    public const int DefaultHeight = 500;
    public const int MinSize = 200;
    public const int MaxSize = 8000;

    /// <summary>Features are named under their bars up to this many; beyond it the bars are only ranks.</summary>
    public const int MaxNamedBars = 60;

    /// <summary>Refuses a plot path that would overwrite the data, is a folder, or lies in a folder that does not exist,
    /// before any work is done.</summary>
    public static void CheckPath(string plotPath, string dataPath, string? modelPath)
    {
        if (string.IsNullOrWhiteSpace(plotPath))
            throw new CliException("--plot must name the PNG file to write.");
        if (OutputPaths.Same(plotPath, dataPath))
            throw new CliException($"--plot '{plotPath}' is the --data file; the picture would overwrite the CSV. Give another file name (e.g. mask.png).");
        if (modelPath is not null && OutputPaths.Same(plotPath, modelPath))
            throw new CliException($"--plot '{plotPath}' is the --out file; give the picture and the model different names.");
        if (Directory.Exists(plotPath))
            throw new CliException($"--plot '{plotPath}' is a directory; give the PNG file name (e.g. mask.png).");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(plotPath));
        if (directory is not null && !Directory.Exists(directory))
            throw new CliException($"Cannot write the --plot file '{plotPath}': folder '{directory}' does not exist.");
    }

    /// <param name="path">The PNG to write (overwritten).</param>
    /// <param name="title">The data set name, for the title.</param>
    /// <param name="names">Every feature's name, in input order.</param>
    /// <param name="probabilities">Every feature's mask probability, in input order.</param>
    /// <param name="kept">The kept input slots.</param>
    /// <param name="cut">The probability of the rule's cut (w = 0).</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static void Save(string path, string title, IReadOnlyList<string> names, IReadOnlyList<double> probabilities,
        IReadOnlyCollection<int> kept, double cut, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(kept);
        // Descending probability, ties by input position, so the picture is the ranking.
        int[] order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        var keptSet = new HashSet<int>(kept);
        Color keptColor = Color.FromHex("#1f77b4");
        Color droppedColor = Color.FromHex("#b0b0b0");
        var bars = order.Select((feature, rank) => new Bar
        {
            Position = rank,
            Value = probabilities[feature],
            FillColor = keptSet.Contains(feature) ? keptColor : droppedColor,
            LineWidth = 0,
        }).ToList();

        using var plot = new Plot();
        plot.Add.Bars(bars);
        var line = plot.Add.HorizontalLine(cut, 1.5f, Color.FromHex("#d62728"), LinePattern.Dashed);
        line.LegendText = $"cut: w = 0 (p = {cut.ToString("0.###", CultureInfo.InvariantCulture)})";
        plot.Title($"{title}: GFSNetwork kept {kept.Count} of {probabilities.Count} features");
        plot.YLabel("mask probability");
        plot.XLabel(probabilities.Count <= MaxNamedBars ? "feature (sorted by probability)" : "feature rank (sorted by probability)");
        if (probabilities.Count <= MaxNamedBars)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int rank = 0; rank < order.Length; rank++)
                ticks.AddMajor(rank, names[order[rank]]);
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            // Rotated names need room below the axis (about 7 px a character at the default font), at most half the picture.
            int longest = names.Max(n => n.Length);
            plot.Axes.Bottom.MinimumSize = Math.Min(height / 2, 7 * longest + 40);
        }
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Axes.SetLimitsX(-0.75, order.Length - 0.25);
        plot.ShowLegend(Alignment.UpperRight);
        try
        {
            plot.SavePng(path, width, height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the plot '{path}': {e.Message}", e);
        }
    }
}
