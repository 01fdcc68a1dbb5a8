// Feature selection with GFSNetwork: let the selector choose how many of breast_cancer_wdbc's 30 features to keep,
// then train LightGbm on the kept features and on all of them.
//   dotnet run -c Release --project examples/FeatureSelection
using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
string path = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer_wdbc", "breast_cancer_wdbc.csv");

// Label (1 = malignant) first, then 30 numeric features; the header gives the feature slots their names.
IDataView data = ml.Data.LoadFromTextFile(path,
[
    new TextLoader.Column("Label", DataKind.Boolean, 0),
    new TextLoader.Column("Features", DataKind.Single, 1, 30),
], separatorChar: ',', hasHeader: true);
DataOperationsCatalog.TrainTestData split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 42);

// 1. Select on the training part only. No k is given: λ (balance) prices a kept feature and the selector decides.
//    It standardises internally; the output column holds the raw values of the kept slots.
var selector = ml.Transforms.FeatureSelection.SelectFeaturesGumbel("Selected", "Features", "Label", balance: 0.1, seed: 1)
    .Fit(split.TrainSet);
// This loader gives the vector no slot names (the selector then names slots f<i>), so the names come from the header.
string[] names = File.ReadLines(path).First().Split(',')[1..];
Console.WriteLine($"kept {selector.Count} of {selector.InputSize} features:");
foreach (int i in selector.SelectedIndices)
    Console.WriteLine($"  {i,2}  {names[i],-24} logit {selector.Logits[i]:+0.00;-0.00}");

// 2. LightGbm on the kept features (the selector is an ordinary transformer in the pipeline) and on all features.
var keptTrainer = ml.BinaryClassification.Trainers.LightGbm(featureColumnName: "Selected").Fit(selector.Transform(split.TrainSet));
var kept = selector.Append(keptTrainer);
var all = ml.BinaryClassification.Trainers.LightGbm().Fit(split.TrainSet);

double keptAccuracy = BalancedAccuracy(ml.BinaryClassification.Evaluate(kept.Transform(split.TestSet)));
double allAccuracy = BalancedAccuracy(ml.BinaryClassification.Evaluate(all.Transform(split.TestSet)));
Console.WriteLine($"LightGbm, {selector.Count,2} kept features: balanced accuracy {keptAccuracy:F3}");
Console.WriteLine($"LightGbm, {selector.InputSize,2} features:      balanced accuracy {allAccuracy:F3}");

// The mean of the two class recalls: the accuracy a 37 %-positive set cannot inflate by favouring the majority class.
static double BalancedAccuracy(CalibratedBinaryClassificationMetrics m) => (m.PositiveRecall + m.NegativeRecall) / 2;
