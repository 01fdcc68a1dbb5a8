// Neural clustering that explains itself: NeuralKMeans (TELL) and Clam (ClAM, associative memories) on iris, evaluated
// by ML.NET's clustering evaluator against ML.NET's KMeans, then their prototypes in centimetres and the features that
// decided one flower's cluster.
//   dotnet run -c Release --project examples/Clustering
using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

var ml = new MLContext(seed: 1);
string path = Path.Combine(AppContext.BaseDirectory, "data", "iris", "iris.csv");

// Label (the species, 0-2; only used to score) first, then 4 measurements in cm.
IDataView data = ml.Data.LoadFromTextFile(path,
[
    new TextLoader.Column("Label", DataKind.Single, 0),
    new TextLoader.Column("Features", DataKind.Single, 1, 4),
], separatorChar: ',', hasHeader: true);
string[] names = File.ReadLines(path).First().Split(',')[1..];

// 1. Fit all three on the same raw features. NeuralKMeans and Clam standardise inside (and undo it for their prototypes).
var neural = ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options { NumberOfClusters = 3, Seed = 1 }).Fit(data);
var clam = ml.Clustering.Trainers.Clam(new ClamTrainer.Options { NumberOfClusters = 3, Seed = 1 }).Fit(data);
var kmeans = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
    .Append(ml.Clustering.Trainers.KMeans(numberOfClusters: 3)).Fit(data);

// 2. ML.NET's evaluator reads Score (lower = closer) and the label, as for KMeans.
foreach (var (name, model) in new (string, ITransformer)[] { ("NeuralKMeans", neural), ("Clam", clam), ("KMeans (z-scored)", kmeans) })
{
    ClusteringMetrics m = ml.Clustering.Evaluate(model.Transform(data), labelColumnName: "Label");
    Console.WriteLine($"{name,-18} NMI (ML.NET's, I/H(label)) {m.NormalizedMutualInformation:F3}");
}

// 3. The prototypes are the model's parameters, in the input's units.
NeuralKMeansModelParameters parameters = neural.Model;
float[][] prototypes = parameters.GetPrototypes();
Console.WriteLine($"\nprototypes (cm): {string.Join("  ", names)}");
for (int c = 0; c < prototypes.Length; c++)
    Console.WriteLine($"  cluster {c + 1}: " + string.Join("  ", prototypes[c].Select(v => $"{v,5:F2}")));

// 4. Why row 60 (a versicolor) went where it did: per-feature share of the distance gap to the runner-up cluster.
float[] row = data.GetColumn<float[]>("Features").Skip(60).First();
ClusterExplanation why = parameters.Explain(row);
Console.WriteLine($"\nrow 60 -> cluster {why.AssignedCluster + 1} (runner-up {why.RunnerUpCluster + 1}, margin {why.Margin:F3}):");
foreach (int f in why.RankFeatures())
    Console.WriteLine($"  {names[f],-28} {why.Contributions[f],+8:F3}");

// 5. Clam's prototypes are the attractors of its associative-memory dynamics: past each cluster's centre, away from the
// feature means (docs/clustering.md, "Clam"); its Explain reads the row after the dynamics' steps.
float[][] attractors = clam.Model.GetPrototypes();
Console.WriteLine($"\nClam attractors (cm): {string.Join("  ", names)}");
for (int c = 0; c < attractors.Length; c++)
    Console.WriteLine($"  cluster {c + 1}: " + string.Join("  ", attractors[c].Select(v => $"{v,5:F2}")));
ClusterExplanation clamWhy = clam.Model.Explain(row);
Console.WriteLine($"row 60 -> Clam cluster {clamWhy.AssignedCluster + 1} (runner-up {clamWhy.RunnerUpCluster + 1}), deciding feature: {names[clamWhy.RankFeatures()[0]]}");
