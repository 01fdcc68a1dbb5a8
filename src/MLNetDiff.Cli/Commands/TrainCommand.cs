using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;
using Spectre.Console;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff train anyloss</c>: trains on a CSV and saves an ML.NET model whose input is the CSV's feature
/// columns (Single, named as in the header): Concatenate → AnyLoss (<see cref="ModelSaving"/>).</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        Option<BinaryMetric> metric = CliOptions.Metric();
        Option<double> beta = CliOptions.Beta();
        Option<string?> hidden = CliOptions.Hidden();
        Option<int?> epochs = CliOptions.Epochs();
        Option<float?> validationFraction = CliOptions.ValidationFraction();
        Option<int> seed = CliOptions.Seed();
        Option<string> output = new("--out", "-o")
        {
            Description = "Model file to write (ML.NET .zip; overwritten).",
            Required = true,
            HelpName = "model.zip",
        };
        Option<bool> json = CliOptions.Json();

        var command = new Command("anyloss",
            "Train an AnyLoss classifier that maximises --metric and save it as an ML.NET model file (.zip) whose input is " +
            "the CSV's feature columns (Single, named as in the header).");
        foreach (Option option in new Option[] { data, label, metric, beta, hidden, epochs, validationFraction, seed, output, json })
            command.Options.Add(option);
        CliOptions.RequireFBetaForBeta(command, metric, beta);

        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            parse.GetValue(data)!, parse.GetValue(label)!, new AnyLossSettings(parse.GetValue(metric), parse.GetValue(beta),
                CliOptions.HiddenSizes(parse.GetValue(hidden)), parse.GetValue(epochs), parse.GetValue(validationFraction)), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliConsole console, string dataPath, string labelColumn, AnyLossSettings settings, int seed,
        string modelPath, bool json)
    {
        settings.Check();
        ModelSaving.CheckOutputPath(modelPath, dataPath);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, BinaryTask.Instance);
        table.RequireBothClasses(1, "training");

        var ml = new MLContext(seed);
        IDataView trainView = InMemoryViews.Create(ml, table);
        AnyLossTrainer trainer = ml.BinaryClassification.Trainers.AnyLoss(settings.CreateOptions(seed));

        var clock = Stopwatch.StartNew();
        var predictor = console.Interactive && !json
            ? console.Ansi.Status().Start($"Training {settings.AnyLossName} ({settings.NetworkName}) on {table.RowCount} rows…",
                _ => trainer.Fit(trainView))
            : trainer.Fit(trainView);
        double seconds = clock.Elapsed.TotalSeconds;

        ModelSaving.Save(ml, table, predictor, modelPath);

        AnyLossTrainingReport report = predictor.Model.SubModel.TrainingReport
            ?? throw new InvalidOperationException("The trainer did not report its training run.");
        float[] scores = predictor.Transform(trainView).GetColumn<float>(ColumnNames.Score).ToArray();
        double trainingMetric = ConfusionCounts.FromScores(scores, table.Labels, 0f).Compute(settings.Metric, settings.Beta);
        TrainReport.Write(console, json, new TrainSummary(modelPath, table, settings, report, trainingMetric, seconds));
        return 0;
    }
}
