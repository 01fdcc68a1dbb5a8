using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.ClusteringComparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Cli.Tests.Helpers;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare clustering (issue 9): the JSON shape, k from the label, --ignore, the label never used to fit, means
/// over --seeds, the pictures, and the named errors.</summary>
[TestClass]
public sealed class CompareClusteringTests
{
    private static string Iris => Tool.DataPath("iris");

    private static readonly string[] ResultKeys = ["trainer", "nmi", "ari", "acc", "silhouette", "daviesBouldin", "seconds"];

    [TestMethod]
    public void Json_HasTheIssuesShape_AndKIsTheNumberOfClasses()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--seed", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("iris.csv", root.GetProperty("dataset").GetString());
        Assert.AreEqual(150, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(4, root.GetProperty("features").GetInt32(), "the label is not a feature");
        Assert.AreEqual(3, root.GetProperty("k").GetInt32(), "k = the label's 3 classes");
        Assert.AreEqual(3, root.GetProperty("seed").GetInt32());
        JsonElement[] results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.HasCount(ClusteringTrainers.All.Count, results);
        JsonElement kMeans = results[0];
        CollectionAssert.AreEqual(ResultKeys, kMeans.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("KMeans", kMeans.GetProperty("trainer").GetString());
        // z-scored iris, three k-means clusters: NMI about 0.66 (issue 9), far from chance.
        Assert.IsTrue(kMeans.GetProperty("nmi").GetDouble() is > 0.5 and <= 1, kMeans.ToString());
        Assert.IsTrue(kMeans.GetProperty("acc").GetDouble() is > 0.6 and <= 1, kMeans.ToString());
        Assert.IsTrue(kMeans.GetProperty("silhouette").GetDouble() is > 0 and <= 1, kMeans.ToString());
        Assert.IsGreaterThan(0.0, kMeans.GetProperty("daviesBouldin").GetDouble());
    }

    [TestMethod]
    public void Metrics_AreOursOnTheZScoredFeatures()
    {
        // The command's numbers recomputed here from its own pieces: the same view, KMeans with the same seed.
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--json");
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement kMeans = json.RootElement.GetProperty("results")[0];
        ClusteringData data = ClusteringData.Create(CsvTableReader.Read(Iris, "Label", ClusteringTask.Labelled));
        for (int j = 0; j < data.Dimension; j++)
        {
            double mean = Enumerable.Range(0, data.Rows).Average(i => data.Features[i * data.Dimension + j]);
            Assert.AreEqual(0, mean, 1e-5, "z-scored: mean 0");
        }
        ClusteringRun run = new ClusteringRunner(data, [ClusteringTrainers.KMeans], 3, null).Run([1]).Single();
        Assert.AreEqual(ClusteringAgreement.NormalizedMutualInformation(data.Labels!, run.Assignment!), kMeans.GetProperty("nmi").GetDouble(), 1e-12);
        Assert.AreEqual(ClusteringGeometry.Silhouette(data.Features, data.Dimension, run.Assignment!), kMeans.GetProperty("silhouette").GetDouble(), 1e-12);
        Assert.HasCount(3, run.Prototypes!);
    }

    /// <summary>The three trainers in report order, each row of the issue's shape; Clam's row is the command's own
    /// computation on the command's view (recomputed here from the runner), fitted with one common scale: on the z-scored
    /// view that is the identity up to rounding (μ ≈ 0, s ≈ 1), so it clusters the view the metrics are measured in.</summary>
    [TestMethod]
    public void Clam_IsTheThirdTrainer_OnTheCommandsView()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement[] results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "KMeans", "NeuralKMeans", "Clam" }, results.Select(e => e.GetProperty("trainer").GetString()).ToArray());
        JsonElement clam = results[2];
        CollectionAssert.AreEqual(ResultKeys, clam.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.IsTrue(clam.GetProperty("nmi").GetDouble() is > 0.5 and <= 1, clam.ToString());

        ClusteringData data = ClusteringData.Create(CsvTableReader.Read(Iris, "Label", ClusteringTask.Labelled));
        ClusteringRun run = new ClusteringRunner(data, [ClusteringTrainers.Clam], 3, null).Run([1]).Single();
        Assert.AreEqual(ClusteringAgreement.NormalizedMutualInformation(data.Labels!, run.Assignment!), clam.GetProperty("nmi").GetDouble(), 1e-12);
        Assert.AreEqual(ClusteringGeometry.Silhouette(data.Features, data.Dimension, run.Assignment!), clam.GetProperty("silhouette").GetDouble(), 1e-12);

        var ml = new Microsoft.ML.MLContext(1);
        var fitted = (Microsoft.ML.Data.ClusteringPredictionTransformer<MLNetDiff.Clustering.ClamModelParameters>)ClusteringTrainers.Clam
            .Create(ml, 3, 1).Fit(data.View(ml));
        float[] inputUnits = fitted.Model.GetPrototypes().SelectMany(p => p).ToArray();
        float[] modelSpace = fitted.Model.GetModelSpacePrototypes();
        for (int i = 0; i < modelSpace.Length; i++)
            Assert.AreEqual(modelSpace[i], inputUnits[i], 0.01 * (1 + Math.Abs(modelSpace[i])), "μ ≈ 0, s ≈ 1 on the z-scored view");
    }

    [TestMethod]
    public void WithoutALabel_NoExternalMetrics_AndALabelColumnAsFeatureIsAWarning()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--k", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.HasCount(1, r.ErrorLines, r.ToString());
        Assert.Contains("column 'Label' is read as a feature", r.ErrorLines[0]);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(5, json.RootElement.GetProperty("features").GetInt32());
        JsonElement kMeans = json.RootElement.GetProperty("results")[0];
        Assert.IsFalse(kMeans.TryGetProperty("nmi", out _), "no label, no NMI");
        Assert.IsFalse(kMeans.TryGetProperty("acc", out _));
        Assert.IsGreaterThan(0.0, kMeans.GetProperty("silhouette").GetDouble());
        // --clusters is the old name of --k.
        Assert.AreEqual(0, Tool.Run("compare", "clustering", "--data", Iris, "--clusters", "3").ExitCode);
    }

    [TestMethod]
    public void Ignore_LeavesColumnsOut_EvenNonNumericOnes()
    {
        using var temp = new TempFiles();
        string[] lines = File.ReadAllLines(Iris);
        string withId = temp.Write("iris-id.csv", string.Join('\n', lines.Select((l, i) => (i == 0 ? "Id" : "row" + i) + "," + l)) + "\n");
        Tool.AssertFails(1, ["compare", "clustering", "--data", withId, "--label", "Label"], "Column 'Id'", "non-numeric value 'row1'");
        CliResult ignored = Tool.Run("compare", "clustering", "--data", withId, "--label", "Label", "--ignore", "Id", "--json");
        Assert.AreEqual(0, ignored.ExitCode, ignored.ToString());
        CliResult plain = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--json");
        using JsonDocument a = JsonDocument.Parse(ignored.Out), b = JsonDocument.Parse(plain.Out);
        Assert.AreEqual(4, a.RootElement.GetProperty("features").GetInt32());
        Assert.AreEqual(b.RootElement.GetProperty("results")[0].GetProperty("nmi").GetDouble(),
            a.RootElement.GetProperty("results")[0].GetProperty("nmi").GetDouble(), "the same features give the same clusters");
        // Two columns, one a feature: three features remain.
        CliResult two = Tool.Run("compare", "clustering", "--data", withId, "--label", "Label", "--ignore", "Id, petal_width__parencm", "--json");
        Assert.AreEqual(0, two.ExitCode, two.ToString());
        using JsonDocument c = JsonDocument.Parse(two.Out);
        Assert.AreEqual(3, c.RootElement.GetProperty("features").GetInt32());
    }

    [TestMethod]
    public void TheLabelIsNeverUsedToFit_ShufflingItLeavesTheClustersAlone()
    {
        using var temp = new TempFiles();
        string[] lines = File.ReadAllLines(Iris);
        // A fixed permutation of the labels (row i gets the label of row 37·i mod 150; 37 and 150 are coprime), not chance.
        string[] original0 = lines.Skip(1).Select(l => l.Split(',', 2)[0]).ToArray();
        string[] labels = original0.Select((_, i) => original0[(i * 37) % original0.Length]).ToArray();
        string shuffled = temp.Write("shuffled.csv", lines[0] + "\n" +
            string.Join('\n', lines.Skip(1).Select((l, i) => labels[i] + "," + l.Split(',', 2)[1])) + "\n");
        JsonElement Run(string file)
        {
            CliResult r = Tool.Run("compare", "clustering", "--data", file, "--label", "Label", "--seeds", "2", "--json");
            Assert.AreEqual(0, r.ExitCode, r.ToString());
            return JsonDocument.Parse(r.Out).RootElement.GetProperty("results")[0].Clone();
        }
        JsonElement original = Run(Iris), permuted = Run(shuffled);
        Assert.AreEqual(original.GetProperty("silhouette").GetDouble(), permuted.GetProperty("silhouette").GetDouble());
        Assert.AreEqual(original.GetProperty("daviesBouldin").GetDouble(), permuted.GetProperty("daviesBouldin").GetDouble());
        Assert.IsLessThan(original.GetProperty("nmi").GetDouble() - 0.2, permuted.GetProperty("nmi").GetDouble(),
            "the label only scores: a scrambled label scores worse");
    }

    [TestMethod]
    public void NormalizeNone_UsesTheCsvValues()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--normalize", "none", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual("none", json.RootElement.GetProperty("normalize").GetString());
        CsvTable table = CsvTableReader.Read(Iris, "Label", ClusteringTask.Labelled);
        ClusteringData raw = ClusteringData.Create(table, zScore: false);
        Assert.AreEqual(table.RowFeatures(7)[2], raw.Features[7 * 4 + 2], "the CSV's value");
        ClusteringRun run = new ClusteringRunner(raw, [ClusteringTrainers.KMeans], 3, null).Run([1]).Single();
        Assert.AreEqual(ClusteringGeometry.Silhouette(raw.Features, 4, run.Assignment!),
            json.RootElement.GetProperty("results")[0].GetProperty("silhouette").GetDouble(), 1e-12, "silhouette in the CSV's units");
        Tool.AssertFails(2, ["compare", "clustering", "--data", Iris, "--label", "Label", "--normalize", "minmax"], "minmax");
    }

    [TestMethod]
    public void Seeds_AreAveraged()
    {
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--seed", "4", "--seeds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        CollectionAssert.AreEqual(new[] { 4, 5, 6 }, json.RootElement.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        JsonElement[] runs = json.RootElement.GetProperty("runs").EnumerateArray().Where(e => e.GetProperty("trainer").GetString() == "KMeans").ToArray();
        Assert.HasCount(3, runs);
        double mean = runs.Average(e => e.GetProperty("nmi").GetDouble());
        Assert.AreEqual(mean, json.RootElement.GetProperty("results")[0].GetProperty("nmi").GetDouble(), 1e-12);
        CliResult text = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--seeds", "3");
        Assert.Contains("mean over seeds 1..3", text.Out);
        Assert.Contains("KMeans", text.Out);
    }

    [TestMethod]
    public void Plot_WritesTheScatter_AndForImagesThePrototypes()
    {
        using var temp = new TempFiles();
        string iris = temp.PathOf("iris.png");
        CliResult r = Tool.Run("compare", "clustering", "--data", Iris, "--label", "Label", "--plot", iris);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsGreaterThan(1000L, new FileInfo(iris).Length);
        Assert.IsFalse(File.Exists(temp.PathOf("iris-prototypes.png")), "4 features are not an image");
        string digits = temp.PathOf("digits.png");
        r = Tool.Run("compare", "clustering", "--data", Tool.DataPath("digits"), "--label", "Label", "--plot", digits, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsGreaterThan(1000L, new FileInfo(digits).Length);
        Assert.IsGreaterThan(1000L, new FileInfo(temp.PathOf("digits-prototypes.png")).Length, "64 features: 8×8 images");
        // PNG signature.
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(digits).Take(4).ToArray());
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--plot", iris, "--image-width", "3"],
            "--image-width 3", "4 features");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--plot", iris, "--plot-trainer", "Birch"],
            "--plot-trainer 'Birch'", "KMeans");
    }

    [TestMethod]
    public void BadK_UnknownIgnore_AndMissingK_AreNamedErrors()
    {
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris], "--k is required without --label");
        Tool.AssertFails(2, ["compare", "clustering", "--data", Iris, "--k", "1"], "--clusters", "[2, 10000]");
        Tool.AssertFails(2, ["compare", "clustering", "--data", Iris, "--k", "many"], "'many'");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--k", "151"], "--k 151", "150 rows");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--ignore", "Colour"],
            "--ignore column 'Colour' not found", "sepal_length__parencm");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--ignore", "Label"], "names the label column");
        Tool.AssertFails(1, ["compare", "clustering", "--data", Iris, "--label", "Label", "--ignore", "a,,b"], "empty column name");
        Tool.AssertFails(1, ["train", "baseline", "--task", "clustering", "--data", Iris, "--clusters", "151", "--out", "k.zip"],
            "--clusters 151", "150 rows");
    }
}
