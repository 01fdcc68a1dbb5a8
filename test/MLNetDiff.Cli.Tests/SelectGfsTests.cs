using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tests.Helpers;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Cli.Tests;

/// <summary>select gfs on the bundled data: the JSON fields and their meaning (selected = the kept columns in input
/// order, probabilities over every feature), the task decided from the label, the saved model, the plot, bad input.
/// Epochs are kept small: these test the tool, docs/gfsnetwork.md measures the selector.</summary>
[TestClass]
public sealed class SelectGfsTests
{
    private static string Iris => Tool.DataPath("iris");

    private static string Concrete => Tool.DataPath("concrete_strength");

    private static string[] WdbcFeatures => File.ReadLines(Tool.Wdbc).First().Split(',').Skip(1).ToArray();

    [TestMethod]
    public void Json_HasCountSelectedInInputOrder_AndProbabilitiesOverEveryFeature()
    {
        CliResult r = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "20", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("binary", root.GetProperty("task").GetString());
        Assert.AreEqual(569, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(30, root.GetProperty("features").GetInt32());
        int count = root.GetProperty("count").GetInt32();
        string[] selected = root.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] probabilities = root.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] logits = root.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.HasCount(count, selected);
        Assert.IsTrue(count is >= 1 and < 30, $"kept {count} of 30");
        Assert.HasCount(30, probabilities);
        Assert.IsTrue(probabilities.All(p => p is >= 0 and <= 1), string.Join(", ", probabilities));
        // Input order: the header positions of the selected names increase.
        string[] header = WdbcFeatures;
        int[] positions = selected.Select(n => Array.IndexOf(header, n)).ToArray();
        Assert.IsTrue(positions.All(p => p >= 0), string.Join(", ", selected));
        CollectionAssert.AreEqual(positions.Order().ToArray(), positions);
        CollectionAssert.AreEqual(positions, root.GetProperty("selectedIndices").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        // The deterministic rule keeps exactly the features whose logit is positive (the minimum of 1 is not in play
        // when something was kept by the rule), and a kept feature's probability is above the cut.
        double cut = root.GetProperty("probabilityCut").GetDouble();
        int[] positive = Enumerable.Range(0, 30).Where(i => logits[i] > 0).ToArray();
        if (positive.Length >= 1)
            CollectionAssert.AreEqual(positive, positions);
        Assert.IsTrue(positions.All(i => probabilities[i] > cut));
        Assert.IsTrue(Enumerable.Range(0, 30).Except(positions).All(i => probabilities[i] <= cut));
    }

    [TestMethod]
    public void SavedModel_KeepsExactlyTheSelectedColumns_OfTheCsvFeatureColumns()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("gfs.zip");
        CliResult r = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "20", "--seed", "3", "--out", model, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        string[] selected = json.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var ml = new MLContext(0);
        ITransformer loaded = ml.Model.Load(model, out DataViewSchema input);
        CollectionAssert.AreEqual(WdbcFeatures, input.Select(c => c.Name).ToArray());
        CsvTable table = CsvTableReader.Read(Tool.Wdbc, "Label");
        IDataView scored = loaded.Transform(table.LoadFeatureColumns(ml));
        DataViewSchema.Column features = scored.Schema[ColumnNames.Features];
        Assert.AreEqual(selected.Length, ((VectorDataViewType)features.Type).Size);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        features.GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(selected, slotNames.DenseValues().Select(n => n.ToString()).ToArray());
        // The values are the CSV's own cells of those columns (selection drops columns, nothing else).
        float[] first = scored.GetColumn<float[]>(ColumnNames.Features).First();
        int[] columns = selected.Select(n => table.FeatureColumns.ToList().IndexOf(n)).ToArray();
        CollectionAssert.AreEqual(columns.Select(c => table.RowFeatures(0)[c]).ToArray(), first);
        var selector = ((TransformerChain<ITransformer>)loaded).OfType<GumbelFeatureSelectionTransformer>().Single();
        CollectionAssert.AreEqual(selected, selector.SelectedNames.ToArray());
    }

    [TestMethod]
    public void TaskIsDecidedFromTheLabel_AndSaidSo()
    {
        CliResult iris = Tool.Run("select", "gfs", "--data", Iris, "--epochs", "10");
        Assert.AreEqual(0, iris.ExitCode, iris.ToString());
        Assert.StartsWith("Task: multiclass (decided from the label: label 'Label' holds 3 distinct whole numbers", iris.Out);
        CliResult concrete = Tool.Run("select", "gfs", "--data", Concrete, "--epochs", "5", "--json");
        Assert.AreEqual(0, concrete.ExitCode, concrete.ToString());
        using JsonDocument json = JsonDocument.Parse(concrete.Out);
        Assert.AreEqual("regression", json.RootElement.GetProperty("task").GetString());
        Assert.Contains("non-integer", json.RootElement.GetProperty("taskReason").GetString()!);
        Assert.HasCount(8, json.RootElement.GetProperty("probabilities").EnumerateArray().ToArray());
        // --task overrides the label's guess: iris's class numbers read as a regression target.
        CliResult given = Tool.Run("select", "gfs", "--data", Iris, "--task", "regression", "--epochs", "5");
        Assert.AreEqual(0, given.ExitCode, given.ToString());
        Assert.StartsWith("Task: regression (given by --task)", given.Out);
    }

    [TestMethod]
    public void TextOutput_ListsTheKeptFeatures()
    {
        CliResult r = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "10", "--seed", "2");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        CliResult j = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "10", "--seed", "2", "--json");
        using JsonDocument json = JsonDocument.Parse(j.Out);
        int count = json.RootElement.GetProperty("count").GetInt32();
        Assert.Contains($"Kept {count} of 30 features", r.Out);
        string[] lines = r.Out.Split('\n');
        int tableStart = Array.FindIndex(lines, l => l.StartsWith("feature", StringComparison.Ordinal));
        string[] listed = lines.Skip(tableStart + 1).Take(count).Select(l => l.Split(' ')[0]).ToArray();
        CollectionAssert.AreEqual(json.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()).ToArray(), listed);
    }

    [TestMethod]
    public void Plot_IsAPngOfTheSizeAsked()
    {
        using var temp = new TempFiles();
        string png = temp.PathOf("mask.png");
        CliResult r = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "5", "--plot", png, "--plot-width", "640", "--plot-height", "360");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.Contains($"Plot saved to {png}", r.Out);
        byte[] bytes = File.ReadAllBytes(png);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.AreEqual(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.AreEqual(360, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [TestMethod]
    public void MinAndMaxFeatures_BoundTheKeptCount()
    {
        // λ = 5 collapses the mask; --min-features 3 keeps the three top-ranked and says so.
        CliResult low = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "20", "--lambda", "5", "--min-features", "3", "--json");
        Assert.AreEqual(0, low.ExitCode, low.ToString());
        using (JsonDocument json = JsonDocument.Parse(low.Out))
        {
            Assert.AreEqual(3, json.RootElement.GetProperty("count").GetInt32());
            // Fewer than 3 passed w > 0, so the selector's warning reaches standard error, naming the CLI's option.
            int positive = json.RootElement.GetProperty("logits").EnumerateArray().Count(e => e.GetDouble() > 0);
            Assert.IsLessThan(3, positive, low.ToString());
            Assert.HasCount(1, low.ErrorLines, low.ToString());
            Assert.StartsWith("mlnetdiff: warning: GFSNetwork kept fewer than 3 feature(s)", low.ErrorLines[0]);
            Assert.Contains("Lower --lambda", low.ErrorLines[0]);
        }
        CliResult high = Tool.Run("select", "gfs", "--data", Tool.Wdbc, "--epochs", "20", "--lambda", "0", "--max-features", "4", "--json");
        Assert.AreEqual(0, high.ExitCode, high.ToString());
        using (JsonDocument json = JsonDocument.Parse(high.Out))
            Assert.AreEqual(4, json.RootElement.GetProperty("count").GetInt32());
    }

    [TestMethod]
    public void BadInput_UnknownLabel() =>
        Tool.AssertFails(1, ["select", "gfs", "--data", Tool.Wdbc, "--label", "Outcome"], "'Outcome'", "mean_radius");

    [TestMethod]
    public void BadInput_NegativeLambda_IsAUsageErrorWithTheRange() =>
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--lambda", "-0.5"], "--lambda", "≥ 0", "'-0.5'");

    [TestMethod]
    public void BadInput_MinAboveMax_IsAUsageError() =>
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--min-features", "5", "--max-features", "2"],
            "--min-features (5)", "--max-features (2)");

    [TestMethod]
    public void BadInput_OutOfRangeCounts()
    {
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--epochs", "0"], "--epochs", "[1, ");
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--batch-size", "0"], "--batch-size", "[1, ");
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--rule", "majority"], "--rule", "deterministic, vote");
        Tool.AssertFails(2, ["select", "gfs", "--data", Tool.Wdbc, "--task", "ranking"], "--task", "binary, multiclass, regression");
        Tool.AssertFails(1, ["select", "gfs", "--data", Tool.Wdbc, "--min-features", "31"], "--min-features 31", "30 feature columns");
    }

    [TestMethod]
    public void BadInput_PlotIntoAMissingFolder_FailsBeforeTheFit()
    {
        using var temp = new TempFiles();
        string png = Path.Combine(temp.Folder, "no-such-folder", "mask.png");
        Tool.AssertFails(1, ["select", "gfs", "--data", Tool.Wdbc, "--plot", png], "--plot", "does not exist");
        Tool.AssertFails(1, ["select", "gfs", "--data", Tool.Wdbc, "--plot", Tool.Wdbc], "--plot", "is the --data file");
    }

    [TestMethod]
    public void BadInput_OutIsTheData()
    {
        using var temp = new TempFiles();
        string csv = temp.Write("copy.csv", File.ReadAllText(Tool.Wdbc));
        Tool.AssertFails(1, ["select", "gfs", "--data", csv, "--out", csv], "--out", "is the --data file");
        Assert.AreEqual(File.ReadAllText(Tool.Wdbc), File.ReadAllText(csv));
    }

    [TestMethod]
    public void BadInput_GivenTaskThatCannotReadTheLabel() =>
        Tool.AssertFails(1, ["select", "gfs", "--data", Concrete, "--task", "binary"], "'Label'", "0/1 or false/true");
}
