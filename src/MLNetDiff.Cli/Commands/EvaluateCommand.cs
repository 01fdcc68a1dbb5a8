using System;
using System.CommandLine;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff evaluate</c>: scores a CSV with a saved model (ours or ML.NET's) of any task it can tell from
/// the model's output schema (<see cref="ModelTask"/>), and prints the metrics of that task's ML.NET evaluator. Binary
/// models keep their own report (F1, balanced accuracy, G-mean, AUC, accuracy, precision, recall, MCC, confusion matrix).</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> model = new("--model", "-m")
        {
            Description = "ML.NET model file (.zip): from 'mlnetdiff train' or any ML.NET binary, multiclass, regression, clustering or ranking pipeline.",
            Required = true,
            HelpName = "model.zip",
        };
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the label column (default Label). Optional for clustering models: NMI is reported only with a label.";
        Option<string?> group = new("--group")
        {
            Description = "Name of the group (query) column; needed for ranking models.",
            HelpName = "column",
        };
        Option<bool> json = CliOptions.Json();
        var command = new Command("evaluate",
            "Evaluate a saved model on a labelled CSV with ML.NET's evaluator for its task, which is told from the model's output " +
            "(the ScoreColumnKind of Score, else the types of Score and PredictedLabel) and printed. Binary: hard metrics use the " +
            "model's PredictedLabel (Score > 0 when it has none), AUC ranks Score.");
        foreach (Option option in new Option[] { model, data, label, group, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () =>
        {
            string modelPath = parse.GetValue(model)!, dataPath = parse.GetValue(data)!;
            var ml = new MLContext(seed: 0);
            ITransformer loaded = ModelFile.Load(ml, modelPath, out DataViewSchema inputSchema);
            DataViewSchema output = ModelInputs.OutputSchema(modelPath, loaded, inputSchema);
            ModelTask task = ModelTask.Detect(modelPath, output);
            bool labelGiven = parse.GetResult(label) is { Implicit: false };
            return task.Task == ModelTask.Binary
                ? BinaryEvaluation.Run(console, ml, modelPath, loaded, inputSchema, task, dataPath, parse.GetValue(label)!, parse.GetValue(json))
                : TaskEvaluation.Run(console, ml, new TaskEvaluation.Request(modelPath, loaded, inputSchema, output, task, dataPath,
                    parse.GetValue(label)!, labelGiven, parse.GetValue(group)), parse.GetValue(json));
        }));
        return command;
    }
}
