using Microsoft.ML;

namespace MLNetDiff.Cli.Comparison;

/// <summary>A trainer in <c>mlnetdiff compare</c> (and <c>train baseline</c>). Its training view has Features (known-size
/// Single vector), Label (Single), LabelBool (Boolean, for binary tasks), LabelText and GroupText, plus the keys its task
/// adds (multiclass LabelKey, ranking GroupId); the model it returns writes the columns the task's ML.NET evaluator reads
/// (Score, and PredictedLabel for classifiers and clusterers).</summary>
internal interface IComparedTrainer
{
    /// <summary>Name in reports ("AnyLoss-F1", "LightGbm", …).</summary>
    string Name { get; }

    /// <summary>Trains on <paramref name="train"/>, seeded by <paramref name="seed"/> (only this call is timed).</summary>
    ITransformer Fit(IDataView train, int seed);
}
