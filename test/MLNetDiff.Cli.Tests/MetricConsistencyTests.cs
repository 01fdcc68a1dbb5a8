using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare's binary metrics (ML.NET's evaluator) equal an independent computation from the Score column: Score
/// &gt; 0 is every trainer's PredictedLabel, and the rank AUC is ML.NET's AUC.</summary>
[TestClass]
public sealed class MetricConsistencyTests
{
    [TestMethod]
    [DataRow(MlNetBaselines.LogisticRegressionName)]
    [DataRow(MlNetBaselines.FastTreeName)]
    [DataRow(MlNetBaselines.LightGbmName)]
    [DataRow("AnyLoss-F1")]
    public void BinaryTaskMetrics_MatchTheConfusionCountsAtScoreZero_AndTheRankAuc(string trainerName)
    {
        CsvTable table = CsvTableReader.Read(Helpers.Tool.Wdbc, "Label");
        int[] assignment = StratifiedKFold.Assign(table.Labels, 3, 1);
        (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, 0);
        var ml = new MLContext(1);
        IDataView train = InMemoryViews.Create(ml, table, trainRows), test = InMemoryViews.Create(ml, table, testRows);
        IComparedTrainer trainer = CompareTrainers().Single(t => t.Name == trainerName);

        IDataView scored = trainer.Fit(train, 1).Transform(test);
        double[] metrics = BinaryTask.Instance.Evaluate(ml, scored);
        Assert.HasCount(BinaryTask.Instance.Metrics.Count, metrics);

        // An independent computation: our confusion counts of Score > 0 and the Mann-Whitney AUC of Score.
        float[] scores = scored.GetColumn<float>(ColumnNames.Score).ToArray();
        float[] labels = testRows.Select(r => table.Labels[r]).ToArray();
        ConfusionCounts counts = ConfusionCounts.FromScores(scores, labels, 0f);
        double[] expected = [counts.F1, counts.BalancedAccuracy, counts.GMean, RankAuc.Compute(scores, labels), counts.Accuracy];
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], metrics[i], 1e-9, BinaryTask.Instance.Metrics[i].Name);
        bool[] predicted = scored.GetColumn<bool>(ColumnNames.PredictedLabel).ToArray();
        CollectionAssert.AreEqual(predicted, scores.Select(s => s > 0).ToArray(), "PredictedLabel is Score > 0");
    }

    [TestMethod]
    public void RankAuc_CountsTiesAsOneHalf()
    {
        Assert.AreEqual(1.0, RankAuc.Compute([0.1f, 0.9f], [0f, 1f]));
        Assert.AreEqual(0.0, RankAuc.Compute([0.9f, 0.1f], [0f, 1f]));
        Assert.AreEqual(0.5, RankAuc.Compute([0.5f, 0.5f, 0.5f, 0.5f], [0f, 1f, 0f, 1f]));
        Assert.AreEqual(0.875, RankAuc.Compute([0f, 1f, 1f, 2f], [0f, 0f, 1f, 1f]), "(1 + ½ + 2) / 4 pairs");
        Assert.IsTrue(double.IsNaN(RankAuc.Compute([1f, 2f], [1f, 1f])));
    }

    [TestMethod]
    public void LogisticRegressionPipeline_KeepsItsCacheCheckpoint_AndCentres()
    {
        var ml = new MLContext(1);
        var chain = MlNetBaselines.LogisticRegressionPipeline(ml);
        FieldInfo cacheFlags = chain.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(f => f.FieldType == typeof(bool[]));
        CollectionAssert.AreEqual(new[] { true, false }, (bool[])cacheFlags.GetValue(chain)!,
            "flat chain [normalizer (cache after it), trainer] (pitfall A.1)");

        // fixZero: false centres the features (pitfall A.5): the normalised training features have mean 0.
        CsvTable table = CsvTableReader.Read(Helpers.Tool.Wdbc, "Label");
        IDataView data = InMemoryViews.Create(ml, table);
        var model = chain.Fit(data);
        float[][] normalised = model.First().Transform(data).GetColumn<float[]>(ColumnNames.Features).ToArray();
        double meanOfFirst = normalised.Average(v => v[0]);
        Assert.AreEqual(0.0, meanOfFirst, 1e-4);
    }

    [TestMethod]
    public void Compare_TrainsTheBceTwinWithTheSameSettings_ButAnotherLoss()
    {
        var settings = new AnyLossSettings(BinaryMetric.GMean, 1, [8, 4], 7);
        Assert.AreEqual("AnyLoss-GMean", settings.AnyLossName);
        Assert.AreEqual("BCE-MLP-8-4", settings.BceName);
        var anyLossOptions = settings.CreateOptions(5);
        Assert.AreEqual(7, anyLossOptions.NumberOfEpochs);
        CollectionAssert.AreEqual(new[] { 8, 4 }, anyLossOptions.HiddenLayerSizes);

        CsvTable table = CsvTableReader.Read(Helpers.Tool.Wdbc, "Label");
        IDataView data = InMemoryViews.Create(new MLContext(1), table);
        float[] Score(IComparedTrainer t) => t.Fit(data, 5).Transform(data).GetColumn<float>(ColumnNames.Score).ToArray();
        float[] anyLoss = Score(new AnyLossComparedTrainer(settings));
        float[] bce = Score(new BceTwinTrainer(settings));
        float[] bceAgain = Score(new BceTwinTrainer(settings));
        CollectionAssert.AreEqual(bce, bceAgain, "seeded: deterministic");
        CollectionAssert.AreNotEqual(anyLoss, bce, "another loss, another model");
        Assert.AreEqual("Linear", new AnyLossSettings(BinaryMetric.F1, 1, [], null).NetworkName);
        Assert.AreEqual("MLP-32", new AnyLossSettings(BinaryMetric.F1, 1, null, null).NetworkName, "the AnyLoss default network");
    }

    private static IComparedTrainer[] CompareTrainers() =>
        [.. Commands.CompareBinaryCommand.Trainers(new AnyLossSettings(BinaryMetric.F1, 1, null, 5))];
}
