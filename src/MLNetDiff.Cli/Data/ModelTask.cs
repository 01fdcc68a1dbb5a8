using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Data;

/// <summary>
/// The task of a saved model, told from its output schema: the ScoreColumnKind annotation ML.NET's scorers put on Score
/// when it is there, otherwise the shape of Score and PredictedLabel (Score Single + PredictedLabel Boolean: binary;
/// Score Single alone: regression; Score vector + PredictedLabel key with class names: multiclass; Score vector +
/// PredictedLabel key without names: clustering). Ranking and regression both write one Single score, so a ranking
/// model is only recognised by its annotation. <see cref="Reason"/> says what decided, for the output.
/// </summary>
internal sealed record ModelTask(string Task, string Reason)
{
    public const string Binary = "binary";
    public const string Multiclass = "multiclass";
    public const string Regression = "regression";
    public const string Clustering = "clustering";
    public const string Ranking = "ranking";

    public static ModelTask Detect(string modelPath, DataViewSchema output)
    {
        ArgumentNullException.ThrowIfNull(output);
        DataViewSchema.Column? score = output.GetColumnOrNull(ColumnNames.Score);
        DataViewSchema.Column? predicted = output.GetColumnOrNull(ColumnNames.PredictedLabel);
        string shape = $"Score {Describe(score)}, PredictedLabel {Describe(predicted)}";
        string? kind = ModelInputs.Kind(output);
        if (kind is not null)
        {
            string? task = kind switch
            {
                "BinaryClassification" => Binary,
                "MulticlassClassification" => Multiclass,
                "Regression" => Regression,
                "Clustering" => Clustering,
                "Ranking" => Ranking,
                _ => null,
            };
            if (task is null)
            {
                throw new CliException($"The model '{modelPath}' is a {kind} model (the ScoreColumnKind of its Score column); " +
                    "evaluate knows binary, multiclass, regression, clustering and ranking models.");
            }
            return new ModelTask(task, $"ScoreColumnKind {kind}; {shape}");
        }
        bool singleScore = score?.Type == NumberDataViewType.Single;
        bool vectorScore = score?.Type is VectorDataViewType { ItemType: NumberDataViewType item, Size: > 1 } && item == NumberDataViewType.Single;
        if (singleScore && predicted?.Type == BooleanDataViewType.Instance)
            return new ModelTask(Binary, shape);
        if (singleScore && predicted is null)
            return new ModelTask(Regression, shape + " (no annotation: a single score without a predicted label)");
        if (vectorScore && predicted?.Type is KeyDataViewType)
        {
            return ModelClasses.Of(output) is not null
                ? new ModelTask(Multiclass, shape + " with class names")
                : new ModelTask(Clustering, shape + " without class names");
        }
        throw new CliException($"The model '{modelPath}' writes {shape}: not the output of a binary, multiclass, regression, " +
            "clustering or ranking model (a Single or vector Score column, with or without PredictedLabel).");
    }

    private static string Describe(DataViewSchema.Column? column) => column switch
    {
        null => "absent",
        { Type: KeyDataViewType key } => $"a key of {key.Count}",
        { Type: VectorDataViewType vector } => $"a vector of {vector.Size} {vector.ItemType}",
        { } c => c.Type.ToString() ?? "?",
    };
}
