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

/// <summary>compare regression: the second task through the same descriptor-driven command, ML.NET's trainers only, on
/// the concrete compressive-strength data (UCI, 1030 rows).</summary>
[TestClass]
public sealed class CompareRegressionTests
{
    private static string Concrete => Tool.DataPath("concrete_strength");

    [TestMethod]
    public void CompareRegressionJson_HasTheThreeTrainers_AndSaneMetrics()
    {
        CliResult r = Tool.Run("compare", "regression", "--data", Concrete, "--folds", "3", "--seed", "2", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        Assert.AreEqual(1030, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(8, root.GetProperty("features").GetInt32());
        Assert.IsFalse(root.TryGetProperty("metric", out _), "no AnyLoss rows, no AnyLoss metric");
        JsonElement[] results = root.GetProperty("results").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "Sdca", "FastTree", "LightGbm" }, results.Select(e => e.GetProperty("trainer").GetString()).ToArray());
        foreach (JsonElement e in results)
        {
            Assert.IsFalse(e.GetProperty("failed").GetBoolean(), e.ToString());
            double rmse = e.GetProperty("rootMeanSquaredError").GetDouble(), mae = e.GetProperty("meanAbsoluteError").GetDouble();
            Assert.IsTrue(mae > 0 && mae <= rmse, $"MAE {mae} ≤ RMSE {rmse}");
            // The label's standard deviation is 16.7 MPa: every trainer must beat predicting the mean.
            Assert.IsLessThan(16.7, rmse, e.ToString());
        }
        // Trees fit concrete strength well (R² about 0.9 in the literature), a linear model clearly worse (about 0.6).
        foreach (string tree in new[] { "FastTree", "LightGbm" })
            Assert.IsGreaterThan(0.8, results.Single(e => e.GetProperty("trainer").GetString() == tree).GetProperty("rSquared").GetDouble(), tree);
        double linear = results[0].GetProperty("rSquared").GetDouble();
        Assert.IsTrue(linear is > 0.4 and < 0.8, $"Sdca R² {linear}");
    }

    [TestMethod]
    public void RegressionTaskMetrics_MatchAnIndependentComputation()
    {
        CsvTable table = CsvTableReader.Read(Concrete, "Label", RegressionTask.Instance);
        int[] assignment = RegressionTask.Instance.AssignFolds(table, 3, 1);
        (int[] trainRows, int[] testRows) = StratifiedKFold.Split(assignment, 0);
        var ml = new MLContext(1);
        IDataView scored = MlNetRegressionBaselines.FastTree().Fit(InMemoryViews.Create(ml, table, trainRows), 1)
            .Transform(InMemoryViews.Create(ml, table, testRows));
        double[] metrics = RegressionTask.Instance.Evaluate(ml, scored);

        float[] score = scored.GetColumn<float>(ColumnNames.Score).ToArray();
        double[] y = testRows.Select(r => (double)table.Labels[r]).ToArray();
        double mean = y.Average();
        double sse = y.Select((v, i) => (v - score[i]) * (v - score[i])).Sum();
        double rmse = Math.Sqrt(sse / y.Length), mae = y.Select((v, i) => Math.Abs(v - score[i])).Average();
        double r2 = 1 - sse / y.Sum(v => (v - mean) * (v - mean));
        Assert.AreEqual(rmse, metrics[0], 1e-4 * rmse);
        Assert.AreEqual(mae, metrics[1], 1e-4 * mae);
        Assert.AreEqual(r2, metrics[2], 1e-4);
    }

    [TestMethod]
    public void ShuffledFolds_CoverEveryRowOnce_WithSizesWithinOne()
    {
        int[] fold = ShuffledKFold.Assign(103, 5, 7);
        int[] sizes = Enumerable.Range(0, 5).Select(k => fold.Count(f => f == k)).ToArray();
        Assert.AreEqual(103, sizes.Sum());
        Assert.IsLessThanOrEqualTo(1, sizes.Max() - sizes.Min());
        CollectionAssert.AreEqual(fold, ShuffledKFold.Assign(103, 5, 7), "seeded");
        CollectionAssert.AreNotEqual(fold, ShuffledKFold.Assign(103, 5, 8));
        Assert.IsFalse(fold.Take(21).All(f => f == 0), "shuffled, not blocks of consecutive rows");
    }

    [TestMethod]
    public void RegressionLabels_AreNumbers_AndTooFewRowsAreRefused()
    {
        using var temp = new TempFiles();
        Tool.AssertFails(1, ["compare", "regression", "--data", temp.Write("t.csv", "Label,a\n1.5,1\nhigh,2\n")],
            "'Label'", "'high'", "a finite number (a regression target)");
        Tool.AssertFails(1, ["compare", "regression", "--data", temp.Write("s.csv", "Label,a\n1.5,1\n2,2\n3,1\n"), "--folds", "2"],
            "3 rows", "at least 4");
        Tool.AssertFails(2, ["compare", "regression", "--data", Concrete, "--metric", "f1"], "--metric");
    }
}
