using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare select: the JSON shape the quality script reads, the rows and their invariants (mi@gfs keeps GFS's
/// count, mi@10 keeps min(10, D), all keeps D), each task's downstream trainers and metric, and failed rows.</summary>
[TestClass]
public sealed class CompareSelectTests
{
    private static readonly string[] Selectors = ["all", "all", "gfs", "gfs", "mi@gfs", "mi@gfs", "mi@10", "mi@10"];

    private static JsonElement[] Run(string csv, params string[] extra)
    {
        CliResult r = Tool.Run(["compare", "select", "--data", csv, "--folds", "3", "--epochs", "10", "--json", .. extra]);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        return [json.RootElement.Clone(), .. json.RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone())];
    }

    [TestMethod]
    public void Wdbc_JsonShape_AndRowInvariants()
    {
        JsonElement[] all = Run(Tool.Wdbc, "--seed", "4");
        JsonElement root = all[0];
        JsonElement[] results = all[1..];
        Assert.AreEqual("breast_cancer_wdbc.csv", root.GetProperty("dataset").GetString());
        Assert.AreEqual("binary", root.GetProperty("task").GetString());
        Assert.AreEqual(569, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(30, root.GetProperty("features").GetInt32());
        Assert.AreEqual(3, root.GetProperty("folds").GetInt32());
        Assert.AreEqual(4, root.GetProperty("seed").GetInt32());
        Assert.AreEqual("BalancedAccuracy", root.GetProperty("metric").GetString());
        CollectionAssert.AreEqual(Selectors, results.Select(e => e.GetProperty("selector").GetString()).ToArray());
        CollectionAssert.AreEqual(Enumerable.Repeat(new[] { "LbfgsLogisticRegression", "LightGbm" }, 4).SelectMany(x => x).ToArray(),
            results.Select(e => e.GetProperty("downstream").GetString()).ToArray());
        foreach (JsonElement e in results)
        {
            Assert.AreEqual(JsonValueKind.Null, e.GetProperty("failed").ValueKind, e.ToString());
            Assert.IsTrue(e.GetProperty("mean").GetDouble() is > 0.85 and <= 1, e.ToString());
            Assert.IsGreaterThanOrEqualTo(0.0, e.GetProperty("std").GetDouble());
            int min = e.GetProperty("keptMin").GetInt32(), max = e.GetProperty("keptMax").GetInt32();
            double mean = e.GetProperty("keptMean").GetDouble();
            Assert.IsTrue(min >= 1 && min <= mean && mean <= max && max <= 30, e.ToString());
            Assert.IsGreaterThanOrEqualTo(0.0, e.GetProperty("selectionSeconds").GetDouble());
        }
        JsonElement Row(string selector) => results.First(e => e.GetProperty("selector").GetString() == selector);
        Assert.AreEqual(30, Row("all").GetProperty("keptMin").GetInt32());
        Assert.AreEqual(0.0, Row("all").GetProperty("selectionSeconds").GetDouble());
        Assert.AreEqual(10, Row("mi@10").GetProperty("keptMin").GetInt32());
        Assert.AreEqual(10, Row("mi@10").GetProperty("keptMax").GetInt32());
        Assert.IsGreaterThan(0.0, Row("gfs").GetProperty("selectionSeconds").GetDouble());
        Assert.IsLessThan(30.0, Row("gfs").GetProperty("keptMean").GetDouble());
        // MI at GFS's count keeps, fold by fold, what GFS kept.
        foreach (string field in new[] { "keptMean", "keptMin", "keptMax" })
            Assert.AreEqual(Row("gfs").GetProperty(field).GetDouble(), Row("mi@gfs").GetProperty(field).GetDouble(), field);
    }

    [TestMethod]
    public void Iris_Multiclass_UsesMaximumEntropy_AndMiAt10KeepsEveryFeature()
    {
        JsonElement[] all = Run(Tool.DataPath("iris"));
        Assert.AreEqual("multiclass", all[0].GetProperty("task").GetString());
        Assert.AreEqual("BalancedAccuracy", all[0].GetProperty("metric").GetString());
        JsonElement[] results = all[1..];
        Assert.AreEqual("LbfgsMaximumEntropy", results[0].GetProperty("downstream").GetString());
        JsonElement mi10 = results.First(e => e.GetProperty("selector").GetString() == "mi@10");
        Assert.AreEqual(4, mi10.GetProperty("keptMax").GetInt32());
        JsonElement allLinear = results[0];
        Assert.AreEqual(JsonValueKind.Null, allLinear.GetProperty("failed").ValueKind, allLinear.ToString());
        Assert.IsGreaterThan(0.85, allLinear.GetProperty("mean").GetDouble());
    }

    [TestMethod]
    public void Concrete_Regression_ReportsRSquared_WithSdcaAndLightGbm()
    {
        JsonElement[] all = Run(Tool.DataPath("concrete_strength"));
        Assert.AreEqual("regression", all[0].GetProperty("task").GetString());
        Assert.AreEqual("RSquared", all[0].GetProperty("metric").GetString());
        JsonElement[] results = all[1..];
        CollectionAssert.AreEqual(new[] { "Sdca", "LightGbm" }, results.Take(2).Select(e => e.GetProperty("downstream").GetString()).ToArray());
        // LightGbm on all 8 features explains most of concrete strength's variance (R² near 0.9 in compare regression).
        Assert.IsGreaterThan(0.8, results[1].GetProperty("mean").GetDouble(), results[1].ToString());
        Assert.IsTrue(results.All(e => e.GetProperty("failed").ValueKind == JsonValueKind.Null));
    }

    [TestMethod]
    public void TooFewRowsForLightGbm_AreFailedRowsWithTheReason_TheOthersRun()
    {
        using var temp = new TempFiles();
        string csv = Subsets.Wdbc(temp, "b30.csv", 15);
        JsonElement[] results = Run(csv)[1..];
        JsonElement[] lightGbm = results.Where(e => e.GetProperty("downstream").GetString() == "LightGbm").ToArray();
        Assert.HasCount(4, lightGbm);
        foreach (JsonElement e in lightGbm)
        {
            Assert.AreEqual(JsonValueKind.String, e.GetProperty("failed").ValueKind, e.ToString());
            Assert.Contains("fold 1, trained on 20 rows", e.GetProperty("failed").GetString()!);
            Assert.AreEqual(JsonValueKind.Null, e.GetProperty("mean").ValueKind);
        }
        Assert.IsTrue(results.Where(e => e.GetProperty("downstream").GetString() != "LightGbm")
            .All(e => e.GetProperty("failed").ValueKind == JsonValueKind.Null), string.Join("\n", results));
    }

    [TestMethod]
    public void TextTable_HasTheColumns_AndOneLinePerRow()
    {
        CliResult r = Tool.Run("compare", "select", "--data", Tool.DataPath("iris"), "--folds", "3", "--epochs", "5");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        string[] lines = r.Out.TrimEnd().Split('\n');
        Assert.Contains("3-fold stratified CV", lines[0]);
        foreach (string column in new[] { "selector", "downstream", "BalancedAccuracy", "kept", "SelectionSeconds" })
            Assert.Contains(column, lines[1]);
        Assert.HasCount(10, lines);
        Assert.StartsWith("mi@10", lines[9]);
    }

    [TestMethod]
    public void BadInput_LambdaAndLabel()
    {
        Tool.AssertFails(2, ["compare", "select", "--data", Tool.Wdbc, "--lambda", "-1"], "--lambda", "≥ 0");
        Tool.AssertFails(1, ["compare", "select", "--data", Tool.Wdbc, "--label", "Nope"], "'Nope'");
    }
}
