using System;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare clustering: KMeans through the task descriptor on iris, with a label (NMI, k from its classes) and
/// without (no NMI; --clusters required), and the bad --clusters values.</summary>
[TestClass]
public sealed class CompareClusteringTests
{
    private static string Iris => Tool.DataPath("iris");

    [TestMethod]
    public void WithALabel_NmiIsReported_AndKIsTheNumberOfClasses()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--folds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("clustering", root.GetProperty("task").GetString());
        Assert.AreEqual("shuffled", root.GetProperty("foldKind").GetString());
        Assert.AreEqual("normalizedMutualInformation", root.GetProperty("primaryMetric").GetString());
        Assert.AreEqual(4, root.GetProperty("features").GetInt32(), "the label is not a feature");
        JsonElement kMeans = root.GetProperty("results").EnumerateArray().Single();
        Assert.AreEqual("KMeans", kMeans.GetProperty("trainer").GetString());
        // Three k-means clusters recover iris's species well (NMI about 0.75 in the literature), far from 0.
        Assert.IsTrue(kMeans.GetProperty("normalizedMutualInformation").GetDouble() is > 0.4 and <= 1, kMeans.ToString());
        Assert.IsGreaterThan(0.0, kMeans.GetProperty("averageDistance").GetDouble());
        Assert.IsGreaterThan(0.0, kMeans.GetProperty("daviesBouldinIndex").GetDouble());

        using var temp = new TempFiles();
        CliResult trained = Tool.Run("train", "baseline", "--task", "clustering", "--data", Iris, "--label", "Label",
            "--out", temp.PathOf("k.zip"), "--json");
        Assert.AreEqual(0, trained.ExitCode, trained.ToString());
        using JsonDocument t = JsonDocument.Parse(trained.Out);
        Assert.AreEqual(3, t.RootElement.GetProperty("clusters").GetInt32(), "k = the label's 3 classes");
    }

    [TestMethod]
    public void WithoutALabel_NoNmi_AndALabelColumnAsFeatureIsAWarning()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--clusters", "3", "--folds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.HasCount(1, r.ErrorLines, r.ToString());
        Assert.Contains("column 'Label' is read as a feature", r.ErrorLines[0]);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(5, json.RootElement.GetProperty("features").GetInt32());
        Assert.AreEqual("daviesBouldinIndex", json.RootElement.GetProperty("primaryMetric").GetString());
        JsonElement kMeans = json.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.IsFalse(kMeans.TryGetProperty("normalizedMutualInformation", out _), "no label, no NMI column");
        Assert.IsGreaterThan(0.0, kMeans.GetProperty("daviesBouldinIndex").GetDouble());
    }

    [TestMethod]
    public void ClusteringNmi_MatchesAnIndependentComputation()
    {
        CsvTable table = CsvTableReader.Read(Iris, "Label", ClusteringTask.Labelled);
        int[] assignment = ClusteringTask.Labelled.AssignFolds(table, 3, 1);
        (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, 0);
        var ml = new MLContext(1);
        IDataView View(int[] rows) => ClusteringTask.Labelled.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, rows, textColumns: true));
        IDataView scored = MlNetClusteringBaselines.KMeans(3).Fit(View(trainRows), 1).Transform(View(testRows));
        double[] metrics = ClusteringTask.Labelled.Evaluate(ml, scored);

        uint[] cluster = scored.GetColumn<uint>(ColumnNames.PredictedLabel).ToArray();
        int[] label = testRows.Select(r => (int)table.Labels[r]).ToArray();
        int n = label.Length;
        // ML.NET's NMI: I(label; cluster) / H(label).
        double mi = 0, h = 0;
        foreach (int c in label.Distinct())
        {
            double pc = label.Count(y => y == c) / (double)n;
            h -= pc * Math.Log(pc);
            foreach (uint k in cluster.Distinct())
            {
                double pk = cluster.Count(x => x == k) / (double)n;
                double pck = Enumerable.Range(0, n).Count(i => label[i] == c && cluster[i] == k) / (double)n;
                if (pck > 0)
                    mi += pck * Math.Log(pck / (pc * pk));
            }
        }
        Assert.AreEqual(mi / h, metrics[2], 1e-9, "NMI");
        // Average distance: the mean of the smallest Score (squared distance to the assigned centroid).
        float[][] distances = scored.GetColumn<float[]>(ColumnNames.Score).ToArray();
        Assert.AreEqual(distances.Average(d => (double)d.Min()), metrics[0], 1e-4, "AverageDistance");
    }

    [TestMethod]
    public void ClustersOutOfRange_AndMissing_AreRefused()
    {
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris], "--clusters is required without --label");
        Tool.AssertFails(2, ["compare", "clustering", "--data", Iris, "--clusters", "1"], "--clusters", "[2, 10000]");
        Tool.AssertFails(2, ["compare", "clustering", "--data", Iris, "--clusters", "many"], "--clusters", "'many'");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--clusters", "121", "--folds", "5"],
            "--clusters 121", "120 rows each of the 5 training parts");
        Tool.AssertFails(1, ["train", "baseline", "--task", "clustering", "--data", Iris, "--clusters", "151", "--out", "k.zip"],
            "--clusters 151", "150 rows");
    }
}
