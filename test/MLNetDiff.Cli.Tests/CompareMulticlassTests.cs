using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare multiclass on iris (150 rows, 3 classes of 50): ML.NET's three multiclass baselines through the
/// task descriptor, labels of any type through MapValueToKey, and the bad inputs a multiclass label can have.</summary>
[TestClass]
public sealed class CompareMulticlassTests
{
    private static string Iris => Tool.DataPath("iris");

    [TestMethod]
    public void CompareMulticlassJson_HasTheThreeTrainers_AndSaneMetrics()
    {
        CliResult r = Tool.Run("compare", "multiclass", "--data", Iris, "--folds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("multiclass", root.GetProperty("task").GetString());
        Assert.AreEqual("stratified", root.GetProperty("foldKind").GetString());
        Assert.AreEqual("microAccuracy", root.GetProperty("primaryMetric").GetString());
        Assert.AreEqual(150, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(4, root.GetProperty("features").GetInt32());
        Assert.AreEqual(3, root.GetProperty("classes").GetInt32());
        Assert.AreEqual(50, root.GetProperty("classCounts").GetProperty("2").GetInt32());
        JsonElement[] results = root.GetProperty("results").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "LbfgsMaximumEntropy", "SdcaMaximumEntropy", "LightGbm" },
            results.Select(e => e.GetProperty("trainer").GetString()).ToArray());
        foreach (JsonElement e in results)
        {
            Assert.IsFalse(e.GetProperty("failed").GetBoolean(), e.ToString());
            // Iris is nearly separable: every trainer is far above the 1/3 of guessing.
            Assert.IsGreaterThan(0.85, e.GetProperty("microAccuracy").GetDouble(), e.ToString());
            Assert.IsGreaterThan(0.85, e.GetProperty("macroAccuracy").GetDouble(), e.ToString());
            Assert.IsGreaterThan(0.0, e.GetProperty("logLoss").GetDouble(), e.ToString());
            Assert.IsTrue(e.GetProperty("logLossReduction").GetDouble() is > 0.3 and <= 1, e.ToString());
            Assert.IsTrue(e.GetProperty("std").TryGetProperty("microAccuracy", out _));
        }
    }

    [TestMethod]
    public void TextTable_HasTheTaskTitleAndMetricColumns()
    {
        CliResult r = Tool.Run("compare", "multiclass", "--data", Iris, "--folds", "3");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        string[] lines = r.Out.Split('\n');
        Assert.Contains("3 classes (50 '0', 50 '1', 50 '2')", lines[0]);
        Assert.Contains("3-fold stratified CV", lines[0]);
        Assert.Contains("primary metric MicroAccuracy", lines[0]);
        foreach (string column in new[] { "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TrainSeconds" })
            Assert.Contains(column, lines[1]);
    }

    [TestMethod]
    public void NamedClasses_GiveTheSameResultsAsTheirNumbers()
    {
        // Names sorted ordinally keep the order of 0, 1, 2, so keys, folds and models are the same.
        using var temp = new TempFiles();
        string[] names = ["setosa", "versicolor", "virginica"];
        string[] lines = File.ReadAllLines(Iris);
        string named = temp.Write("iris-named.csv", string.Join('\n', lines.Select((l, i) => i == 0 ? l
            : names[int.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)]
              + l[l.IndexOf(',', StringComparison.Ordinal)..])) + "\n");
        CliResult numbers = Tool.Run("compare", "multiclass", "--data", Iris, "--folds", "3", "--json");
        CliResult words = Tool.Run("compare", "multiclass", "--data", named, "--folds", "3", "--json");
        Assert.AreEqual(0, words.ExitCode, words.ToString());
        using JsonDocument a = JsonDocument.Parse(numbers.Out), b = JsonDocument.Parse(words.Out);
        Assert.AreEqual(50, b.RootElement.GetProperty("classCounts").GetProperty("virginica").GetInt32());
        JsonElement[] ra = a.RootElement.GetProperty("results").EnumerateArray().ToArray();
        JsonElement[] rb = b.RootElement.GetProperty("results").EnumerateArray().ToArray();
        for (int t = 0; t < ra.Length; t++)
        {
            foreach (string metric in new[] { "microAccuracy", "macroAccuracy", "logLoss" })
                Assert.AreEqual(ra[t].GetProperty(metric).GetDouble(), rb[t].GetProperty(metric).GetDouble(), 1e-12, $"{ra[t]} {metric}");
        }
    }

    [TestMethod]
    public void MulticlassTaskMetrics_MatchAnIndependentCount()
    {
        CsvTable table = CsvTableReader.Read(Iris, "Label", MulticlassTask.Instance);
        int[] assignment = MulticlassTask.Instance.AssignFolds(table, 3, 1);
        (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, 0);
        var ml = new MLContext(1);
        IDataView train = MulticlassTask.Instance.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, trainRows, textColumns: true));
        IDataView test = MulticlassTask.Instance.WithTaskColumns(ml, table, InMemoryViews.Create(ml, table, testRows, textColumns: true));
        IDataView scored = MlNetMulticlassBaselines.Lbfgs().Fit(train, 1).Transform(test);
        double[] metrics = MulticlassTask.Instance.Evaluate(ml, scored);

        uint[] predicted = scored.GetColumn<uint>(ColumnNames.PredictedLabel).ToArray();
        int[] actual = testRows.Select(r => (int)table.Labels[r]).ToArray();
        double micro = predicted.Where((p, i) => p == actual[i] + 1).Count() / (double)actual.Length;
        double macro = Enumerable.Range(0, 3).Average(c =>
            Enumerable.Range(0, actual.Length).Count(i => actual[i] == c && predicted[i] == c + 1) / (double)actual.Count(y => y == c));
        Assert.AreEqual(micro, metrics[0], 1e-12, "MicroAccuracy");
        Assert.AreEqual(macro, metrics[1], 1e-12, "MacroAccuracy");
        // Log-loss: the mean of −ln p(actual class) from the Score vector.
        float[][] probabilities = scored.GetColumn<float[]>(ColumnNames.Score).ToArray();
        double logLoss = actual.Select((c, i) => -Math.Log(Math.Max(probabilities[i][c], 1e-15))).Average();
        Assert.AreEqual(logLoss, metrics[2], 1e-5, "LogLoss");
    }

    [TestMethod]
    public void StratifiedFolds_KeepEveryClassShare()
    {
        int[] classes = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 7)];
        int[] fold = StratifiedKFold.AssignClasses(classes, 3, 5, seed: 4);
        for (int k = 0; k < 5; k++)
        {
            foreach ((int c, int n) in new[] { (0, 50), (1, 30), (2, 7) })
            {
                int inFold = Enumerable.Range(0, classes.Length).Count(i => fold[i] == k && classes[i] == c);
                Assert.IsLessThanOrEqualTo(1.0, Math.Abs(inFold - n / 5.0), $"fold {k} class {c}: {inFold}");
            }
        }
        CollectionAssert.AreEqual(fold, StratifiedKFold.AssignClasses(classes, 3, 5, seed: 4), "seeded");
    }

    [TestMethod]
    public void ContinuousLabel_IsRefusedAsNotAClass()
    {
        Tool.AssertFails(1, ["compare", "multiclass", "--data", Tool.DataPath("concrete_strength")],
            "Label column 'Label'", "distinct values", "regression");
    }

    [TestMethod]
    public void OneClass_EmptyLabel_AndMissingColumn_AreRefused()
    {
        using var temp = new TempFiles();
        var one = new StringBuilder("Label,a\n");
        for (int i = 0; i < 12; i++)
            one.Append("cat,").Append(i).Append('\n');
        Tool.AssertFails(1, ["compare", "multiclass", "--data", temp.Write("one.csv", one.ToString()), "--folds", "3"],
            "one class only", "'cat'");
        Tool.AssertFails(1, ["compare", "multiclass", "--data", temp.Write("empty.csv", "Label,a\ncat,1\n,2\ndog,3\n")],
            "'Label'", "data row 2", "a class");
        Tool.AssertFails(1, ["compare", "multiclass", "--data", Iris, "--label", "Species"], "Label column 'Species' not found",
            "sepal_length__parencm");
    }

    [TestMethod]
    public void ClassRarerThanTheFolds_IsAWarning_AndTheRunGoesOn()
    {
        using var temp = new TempFiles();
        string[] lines = File.ReadAllLines(Iris);
        // All of classes 0 and 1, two rows of class 2.
        string csv = temp.Write("rare.csv", string.Join('\n', lines.Take(101).Concat(lines.Skip(101).Take(2))) + "\n");
        CliResult r = Tool.Run("compare", "multiclass", "--data", csv, "--folds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.HasCount(1, r.ErrorLines, r.ToString());
        Assert.StartsWith("mlnetdiff: warning: ", r.ErrorLines[0]);
        Assert.Contains("class '2'", r.ErrorLines[0]);
        Assert.Contains("2 row(s)", r.ErrorLines[0]);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(2, json.RootElement.GetProperty("classCounts").GetProperty("2").GetInt32());
    }
}
