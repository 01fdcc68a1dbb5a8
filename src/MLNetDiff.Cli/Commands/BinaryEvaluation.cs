using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>evaluate</c> of a binary model: F1, balanced accuracy, G-mean, AUC, accuracy, precision, recall, MCC and
/// the confusion matrix, from the model's PredictedLabel (Score &gt; 0 when it has none) and the rank AUC of Score.</summary>
internal static class BinaryEvaluation
{
    public static int Run(CliConsole console, MLContext ml, string modelPath, ITransformer model, DataViewSchema inputSchema,
        ModelTask task, string dataPath, string labelColumn, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        CsvTable table = CsvTableReader.Read(dataPath, labelColumn, BinaryTask.Instance);
        bool vector = ModelInputs.UsesFeaturesVector(inputSchema, table);
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
            predicted is null ? "Score > 0" : "PredictedLabel", task.Reason);
        if (table.Positives == 0 || table.Negatives == 0)
        {
            // One class only: AUC is undefined and balanced accuracy / G-mean average a recall that does not exist.
            console.WriteWarning($"'{table.Name}' holds only class {(table.Positives == 0 ? 0 : 1)} rows: AUC is undefined, and " +
                "balanced accuracy, G-mean and MCC need both classes to mean anything; evaluate on data with both classes.");
        }
        EvaluationReport.Write(console, result, json);
        return 0;
    }
}
