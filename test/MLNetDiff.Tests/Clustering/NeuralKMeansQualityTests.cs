using Microsoft.ML;
using MLNetDiff.Clustering;
using MLNetDiff.Testing.Quality;
using MLNetDiff.Tests.Contract.Cases;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Quality rows on real data beyond the contract case's iris: NeuralKMeans against ML.NET's KMeans on the same
/// z-scored geometry (<c>NormalizeMeanVariance(fixZero: false)</c>), NMI of held-out rows over the same 3 folds.</summary>
[TestClass]
public sealed class NeuralKMeansQualityTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Margins from measured rows (2026-12-03, printed by the test): see each DataRow's comment.</summary>
    [TestMethod]
    [DataRow("digits", 10, 0.03)] // measured: 0.627 ± 0.063 vs 0.563 ± 0.048
    [DataRow("breast_cancer_wdbc", 2, 0.03)] // measured: 0.522 ± 0.039 vs 0.522 ± 0.039 (the same partition)
    [DataRow("vehicle_van", 2, 0.03)] // measured: 0.174 ± 0.009 vs 0.173 ± 0.011
    public void NoWorseThanKMeans_InNmi(string dataset, int k, double margin)
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(TestData.LoadBinary(ml, dataset));
        QualityRow row = QualityComparison.OnFolds(ml, dataset, data,
            ("NeuralKMeans", ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options { NumberOfClusters = k, Seed = 1 })),
            ("KMeans (z-score)", ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
                .Append(ml.Clustering.Trainers.KMeans(numberOfClusters: k))),
            NeuralKMeansCase.Nmi, folds: 3);
        TestContext.WriteLine(row.ToString());
        row.AssertNoWorseThanBaseline(margin);
    }
}
