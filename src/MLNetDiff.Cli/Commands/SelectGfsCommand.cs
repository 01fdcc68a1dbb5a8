using System;
using System.CommandLine;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff select gfs</c>: fits the GFSNetwork selector on every row of a CSV and prints the kept features
/// (with --json their names in input order and every feature's mask probability); optionally saves the transformer as
/// a model whose input is the CSV's feature columns (<see cref="ModelSaving"/>) and a picture of the probabilities.</summary>
internal static class SelectGfsCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the label column (binary 0/1, classes, or a numeric target; see --task).";
        var gfs = new SelectionOptions();
        Option<int> seed = CliOptions.Seed();
        Option<string?> output = new("--out", "-o")
        {
            Description = "Model file to write (ML.NET .zip; overwritten): Concatenate of the CSV's feature columns → the selector.",
            HelpName = "model.zip",
        };
        Option<string?> plot = new("--plot")
        {
            Description = "PNG to write (overwritten): the mask probabilities sorted, kept features coloured, the cut as a line.",
            HelpName = "file.png",
        };
        Option<int> plotWidth = PlotSize("--plot-width", MaskPlot.DefaultWidth);
        Option<int> plotHeight = PlotSize("--plot-height", MaskPlot.DefaultHeight);
        Option<bool> json = CliOptions.Json();

        var command = new Command("gfs",
            "GFSNetwork feature selection (a Gumbel-sigmoid mask trained with a small network; λ prices each kept feature): " +
            "fits on every row and prints the kept features. --json prints count, selected (names in input order) and " +
            "probabilities (every feature's mask probability).");
        command.Options.Add(data);
        command.Options.Add(label);
        gfs.AddTo(command);
        foreach (Option option in new Option[] { seed, output, plot, plotWidth, plotHeight, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            parse.GetValue(data)!, parse.GetValue(label)!, parse.GetValue(gfs.Task), gfs.Settings(parse), parse.GetValue(seed),
            parse.GetValue(output), parse.GetValue(plot), (parse.GetValue(plotWidth), parse.GetValue(plotHeight)), parse.GetValue(json))));
        return command;
    }

    private static Option<int> PlotSize(string name, int defaultValue) => new(name)
    {
        Description = $"Pixels of the --plot picture, in [{MaskPlot.MinSize}, {MaskPlot.MaxSize}]. Default: {defaultValue}.",
        HelpName = "pixels",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => r.Tokens.Count == 0 ? defaultValue : CliOptions.ParseInt(r, name, MaskPlot.MinSize, MaskPlot.MaxSize),
    };

    private static int Execute(CliConsole console, string dataPath, string labelColumn, string? taskName, GfsSettings settings,
        int seed, string? modelPath, string? plotPath, (int Width, int Height) plotSize, bool json)
    {
        // Output paths first: a bad one must not cost a fit.
        if (modelPath is not null)
            ModelSaving.CheckOutputPath(modelPath, dataPath);
        if (plotPath is not null)
            MaskPlot.CheckPath(plotPath, dataPath, modelPath);
        (TaskDescriptor task, string reason) = SelectionTasks.Decide(taskName, dataPath, labelColumn);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, task);
        task.CheckTrainingData(table);
        if (task is BinaryTask)
            table.RequireBothClasses(1, "feature selection");
        settings.Check(table);

        var ml = new MLContext(seed);
        IDataView view = task.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, textColumns: true, slotNames: true));
        GfsFit fit = GfsFit.Run(ml, view, settings, SelectionTasks.LabelColumn(task), seed);
        foreach (string warning in fit.Warnings)
            console.WriteWarning(warning);
        GumbelFeatureSelectionTransformer selector = fit.Transformer;
        if (modelPath is not null)
            ModelSaving.Save(ml, table, selector, modelPath);
        if (plotPath is not null)
        {
            MaskPlot.Save(plotPath, table.Name, table.FeatureColumns, selector.Probabilities, [.. selector.SelectedIndices],
                settings.ProbabilityCut, plotSize.Width, plotSize.Height);
        }
        GfsSelectionReport.Write(console, json, new GfsSelectionSummary(table, task, reason, settings, seed, selector, fit.Seconds,
            modelPath, plotPath));
        return 0;
    }
}
