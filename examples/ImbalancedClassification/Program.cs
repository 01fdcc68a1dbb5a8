// Imbalanced binary classification with AnyLoss: maximise F1 directly on mammography (2.3 % malignant).
//   dotnet run -c Release --project examples/ImbalancedClassification
using System;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Metrics;

var ml = new MLContext(seed: 1);
string path = Path.Combine(AppContext.BaseDirectory, "data", "mammography", "mammography.csv");

// Label (0/1) first, then 6 numeric features. ML.NET's binary trainers want a Boolean label; AnyLoss takes either.
IDataView data = ml.Data.LoadFromTextFile(path,
[
    new TextLoader.Column("Label", DataKind.Boolean, 0),
    new TextLoader.Column("Features", DataKind.Single, 1, 6),
], separatorChar: ',', hasHeader: true);
DataOperationsCatalog.TrainTestData split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);

// 1. AnyLoss, trained to maximise F1. It standardises features itself; no normalizer needed.
var anyLoss = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Metric = BinaryMetric.F1, Seed = 1 });
var model = anyLoss.Fit(split.TrainSet);

// 2. The usual ML.NET baseline: logistic regression on z-scored features.
var baseline = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
    .Fit(split.TrainSet);

// ML.NET's evaluator thresholds Score at 0, which is exactly AnyLoss's trained decision rule.
Print("AnyLoss-F1", ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)));
Print("LbfgsLogisticRegression", ml.BinaryClassification.Evaluate(baseline.Transform(split.TestSet)));

// 3. The model is a standard BinaryPredictionTransformer: save, load and predict one row as usual.
string modelPath = Path.Combine(Path.GetTempPath(), "anyloss-mammography.zip");
ml.Model.Save(model, split.TrainSet.Schema, modelPath);
ITransformer loaded = ml.Model.Load(modelPath, out _);
var engine = ml.Model.CreatePredictionEngine<Mammogram, Prediction>(loaded);
Prediction p = engine.Predict(new Mammogram { Features = [0.23f, 5.07f, -0.28f, 0.83f, -0.38f, 1.55f] });
Console.WriteLine($"one row: Score {p.Score:F3}, Probability {p.Probability:F3}, PredictedLabel {p.PredictedLabel}");
AnyLossTrainingReport report = model.Model.SubModel.TrainingReport!;
Console.WriteLine($"trained for {report.EpochsCompleted} epochs, batch {report.BatchSize}, " +
    $"{report.Elapsed.TotalSeconds:F1} s; model saved to {modelPath}");

static void Print(string name, CalibratedBinaryClassificationMetrics m) =>
    Console.WriteLine($"{name,-24} F1 {m.F1Score:F3}  precision {m.PositivePrecision:F3}  recall {m.PositiveRecall:F3}  AUC {m.AreaUnderRocCurve:F3}");

internal sealed class Mammogram
{
    [VectorType(6)]
    public float[] Features { get; set; } = [];
}

internal sealed class Prediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
