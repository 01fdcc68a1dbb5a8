using System;
using System.CommandLine;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff evaluate</c>: scores a CSV with a saved binary model (ours or ML.NET's) and prints F1, balanced
/// accuracy, G-mean, AUC, accuracy, precision, recall, MCC and the confusion matrix.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> model = new("--model", "-m")
        {
            Description = "ML.NET model file (.zip) of a binary classifier: from 'mlnetdiff train' or any ML.NET binary trainer.",
            Required = true,
            HelpName = "model.zip",
        };
        Option<string> data = CliOptions.Data();
        Option<string> label = CliOptions.Label();
        Option<bool> json = CliOptions.Json();
        var command = new Command("evaluate",
            "Evaluate a saved binary model on a labelled CSV. Hard metrics use the model's PredictedLabel (Score > 0 when " +
            "it has none); AUC ranks the Score column.");
        foreach (Option option in new Option[] { model, data, label, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(label)!, parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliConsole console, string modelPath, string dataPath, string labelColumn, bool json)
    {
        var ml = new MLContext(seed: 0);
        ITransformer model = ModelFile.Load(ml, modelPath, out DataViewSchema inputSchema);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, BinaryTask.Instance);
        bool vector = UsesFeaturesVector(inputSchema, table);
        if (!vector)
            ModelInputs.RequireColumns(modelPath, inputSchema, table);
        IDataView input = vector ? InMemoryViews.Create(ml, table) : table.LoadFeatureColumns(ml);
        ModelInputs.RequireBinaryClassifier(modelPath, model, input.Schema);

        float[] scores;
        bool[]? predicted;
        try
        {
            IDataView scored = model.Transform(input);
            DataViewSchema.Column? score = scored.Schema.GetColumnOrNull(ColumnNames.Score);
            if (score is not { Type: NumberDataViewType type } || type != NumberDataViewType.Single)
                throw new CliException($"The model '{modelPath}' writes no Single '{ColumnNames.Score}' column: it is not a binary classifier.");
            scores = scored.GetColumn<float>(ColumnNames.Score).ToArray();
            predicted = scored.Schema.GetColumnOrNull(ColumnNames.PredictedLabel)?.Type == BooleanDataViewType.Instance
                ? scored.GetColumn<bool>(ColumnNames.PredictedLabel).ToArray()
                : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new CliException($"The model '{modelPath}' cannot score '{table.Name}': {e.Message}", e);
        }
        if (scores.Length != table.RowCount)
            throw new CliException($"The model '{modelPath}' scored {scores.Length} of the {table.RowCount} rows of '{table.Name}'.");

        ReadOnlySpan<float> labels = table.Labels;
        float[] decisions = predicted is null ? scores : predicted.Select(p => p ? 1f : -1f).ToArray();
        ConfusionCounts counts = ConfusionCounts.FromScores(decisions, labels, 0f);
        double auc = RankAuc.Compute(scores, labels);
        var result = new EvaluationResult(modelPath, table.Name, table.RowCount, table.Positives, counts, auc,
            predicted is null ? "Score > 0" : "PredictedLabel");
        if (table.Positives == 0 || table.Negatives == 0)
        {
            // One class only: AUC is undefined and balanced accuracy / G-mean average a recall that does not exist.
            console.WriteWarning($"'{table.Name}' holds only class {(table.Positives == 0 ? 0 : 1)} rows: AUC is undefined, and " +
                "balanced accuracy, G-mean and MCC need both classes to mean anything; evaluate on data with both classes.");
        }
        EvaluationReport.Write(console, result, json);
        return 0;
    }

    /// <summary>True for a model whose input is a "Features" vector of the CSV's feature count (a model trained on a
    /// TextLoader range column or in memory) when the CSV itself has no such column.</summary>
    private static bool UsesFeaturesVector(DataViewSchema inputSchema, CsvTable table) =>
        inputSchema.GetColumnOrNull(ColumnNames.Features) is { Type: VectorDataViewType vector }
        && vector.ItemType == NumberDataViewType.Single
        && vector.Size == table.FeatureCount
        && !table.Columns.Contains(ColumnNames.Features);
}
