using System;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>evaluate</c> of a multiclass, regression, clustering or ranking model: the CSV is read as the model's task
/// reads it, scored by the model, and measured by the task's ML.NET evaluator (the same metrics as <c>compare</c>).</summary>
internal static class TaskEvaluation
{
    /// <summary>What to evaluate. <paramref name="LabelGiven"/>: --label was on the command line (clustering uses a label
    /// only then, or when the CSV has a column of the default name that the model does not read).</summary>
    internal sealed record Request(string ModelPath, ITransformer Model, DataViewSchema InputSchema, DataViewSchema Output,
        ModelTask ModelTask, string DataPath, string LabelColumn, bool LabelGiven, string? GroupColumn);

    public static int Run(CliConsole console, MLContext ml, Request request, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(request);
        TaskDescriptor task = Descriptor(request);
        if (task.UsesGroups && request.GroupColumn is null)
        {
            throw new CliException($"The model '{request.ModelPath}' is a {task.Name} model ({request.ModelTask.Reason}); " +
                "give --group, the CSV's group (query) column.");
        }
        string? label = task.LabelRequired || UsesLabel(request) ? request.LabelColumn : null;
        CsvTable table = CsvTableReader.Read(request.DataPath, label, task, task.UsesGroups ? request.GroupColumn : null);
        bool vector = ModelInputs.UsesFeaturesVector(request.InputSchema, table);
        if (!vector)
            ModelInputs.RequireColumns(request.ModelPath, request.InputSchema, table);
        // A model saved with its label in the input schema (an ML.NET pipeline that starts with MapValueToKey on the label)
        // gets the label column too, as the type it was saved with.
        IDataView input = vector ? InMemoryViews.Create(ml, table, textColumns: true)
            : table.LoadFeatureColumns(ml, withTextColumns: true, labelAs: ModelInputs.LabelInputKind(request.ModelPath, request.InputSchema, table));

        double[] metrics;
        try
        {
            IDataView scored = request.Model.Transform(input);
            metrics = task.Evaluate(ml, task.WithEvaluationColumns(ml, table, scored, request.Output));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new CliException($"The model '{request.ModelPath}' cannot score '{table.Name}' as a {task.Name} model: {e.Message}", e);
        }
        TaskEvaluationReport.Write(console, new TaskEvaluationResult(request.ModelPath, table, task, request.ModelTask.Reason, metrics), json);
        return 0;
    }

    private static TaskDescriptor Descriptor(Request r) => r.ModelTask.Task switch
    {
        ModelTask.Multiclass => MulticlassTask.Instance,
        ModelTask.Regression => RegressionTask.Instance,
        ModelTask.Ranking => RankingTask.Instance,
        ModelTask.Clustering => ClusteringTask.For(UsesLabel(r)),
        _ => throw new CliException($"evaluate has no {r.ModelTask.Task} evaluation."),
    };

    /// <summary>A clustering model is evaluated against a label when --label was given, or when the CSV has a column of
    /// the default label name that is not one of the model's inputs.</summary>
    private static bool UsesLabel(Request r)
    {
        if (r.LabelGiven)
            return true;
        return r.InputSchema.GetColumnOrNull(r.LabelColumn) is null && CsvTableReader.HasColumn(r.DataPath, r.LabelColumn);
    }
}
