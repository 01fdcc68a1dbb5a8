using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>The pictures of <c>compare clustering --plot</c>: the rows projected on their two principal axes (of the
/// z-scored features), coloured by one trainer's clusters, its prototypes marked; and for image data the prototypes as a
/// grid of heat maps (in the CSV's units, so a digit looks like a digit).</summary>
internal static class ClusterPlot
{
    public const int Width = 1000;
    public const int Height = 800;

    /// <summary>The prototype picture's path: file.png → file-prototypes.png.</summary>
    public static string PrototypesPath(string plotPath)
    {
        ArgumentNullException.ThrowIfNull(plotPath);
        string directory = Path.GetDirectoryName(plotPath) ?? string.Empty;
        string extension = Path.GetExtension(plotPath);
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(plotPath) + "-prototypes" + (extension.Length > 0 ? extension : ".png"));
    }

    /// <summary>The image width for the prototype picture: the given one, or 8 / 28 for 64 / 784 features (digits, MNIST);
    /// null when the features are not an image.</summary>
    public static int? ImageWidth(int features, int? given)
    {
        if (given is { } w)
        {
            if (features % w != 0)
                throw new CliException($"--image-width {w} does not divide the {features} features into rows of pixels.");
            return w;
        }
        return features switch { 64 => 8, 784 => 28, _ => null };
    }

    public static void SaveScatter(string path, string title, ClusteringData data, int[] assignment, float[][] prototypes, int clusters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(prototypes);
        Pca2 pca = Pca2.Fit(data.Features, data.Dimension);
        var palette = new ScottPlot.Palettes.Category20();
        using var plot = new Plot();
        for (int c = 0; c < clusters; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int r = 0; r < assignment.Length; r++)
            {
                if (assignment[r] != c)
                    continue;
                (double x, double y) = pca.Project(data.Features.AsSpan(r * data.Dimension, data.Dimension));
                xs.Add(x);
                ys.Add(y);
            }
            if (xs.Count == 0)
                continue;
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette.GetColor(c));
            points.MarkerSize = assignment.Length > 5000 ? 2 : 4;
        }
        double[] px = new double[prototypes.Length], py = new double[prototypes.Length];
        for (int c = 0; c < prototypes.Length; c++)
            (px[c], py[c]) = pca.Project(prototypes[c]);
        var marks = plot.Add.Markers(px, py, MarkerShape.FilledDiamond, 14, Colors.Black);
        marks.LegendText = "prototypes";
        plot.Title(title);
        plot.XLabel(data.ZScored ? "principal axis 1 (z-scored features)" : "principal axis 1");
        plot.YLabel("principal axis 2");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path, Width, Height);
    }

    /// <summary>The prototypes as images of <paramref name="imageWidth"/> pixels a row, in a grid of up to 10 a row,
    /// separated by empty (NaN) cells, on one colour scale.</summary>
    public static void SavePrototypes(string path, string title, ClusteringData data, float[][] prototypes, int imageWidth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(prototypes);
        int imageHeight = data.Dimension / imageWidth;
        int perRow = Math.Min(10, Math.Max(1, prototypes.Length));
        int gridRows = (prototypes.Length + perRow - 1) / perRow;
        const int gap = 1;
        var cells = new double[gridRows * (imageHeight + gap) - gap, perRow * (imageWidth + gap) - gap];
        for (int i = 0; i < cells.GetLength(0); i++)
        {
            for (int j = 0; j < cells.GetLength(1); j++)
                cells[i, j] = double.NaN;
        }
        for (int p = 0; p < prototypes.Length; p++)
        {
            float[] pixels = data.Unnormalize(prototypes[p]);
            int top = p / perRow * (imageHeight + gap), left = p % perRow * (imageWidth + gap);
            for (int i = 0; i < imageHeight; i++)
            {
                for (int j = 0; j < imageWidth; j++)
                    cells[top + i, left + j] = pixels[i * imageWidth + j];
            }
        }
        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.White;
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.Axes.Frameless();
        // About 150 pixels per image, square cells: the margins (title, colour bar) are added around the grid.
        double cell = 150.0 / Math.Max(imageWidth, imageHeight);
        int width = Math.Clamp((int)(cells.GetLength(1) * cell) + 160, 400, 4000);
        int height = Math.Clamp((int)(cells.GetLength(0) * cell) + 90, 200, 4000);
        Save(plot, path, width, height);
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        try
        {
            plot.SavePng(path, width, height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the plot '{path}': {e.Message}", e);
        }
    }

    /// <summary>The legend-free title: data set, trainer and k.</summary>
    public static string Title(string dataset, string trainer, int clusters, int seed, IEnumerable<int> found) =>
        $"{dataset}: {trainer}, k = {clusters} ({found.Distinct().Count()} used), seed {seed}";
}
