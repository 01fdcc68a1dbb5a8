using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using MLNetDiff.Cli.Commands;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare on data too small (or too plain) for a trainer: that trainer is a failed row with its reason, the
/// others are reported, and nothing crashes.</summary>
[TestClass]
public sealed class CompareRobustnessTests
{
    [TestMethod]
    public void FiftyRows_LightGbmIsAFailedRowWithItsReason_TheOthersRun()
    {
        using var temp = new TempFiles();
        string csv = Subsets.Wdbc(temp, "b50.csv", 25);
        CliResult r = Tool.Run("compare", "binary", "--data", csv, "--epochs", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement[] results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.HasCount(5, results);
        JsonElement lightGbm = results.Single(e => e.GetProperty("trainer").GetString() == "LightGbm");
        AssertFailedRow(lightGbm, "40 rows (20 of class 0, 20 of class 1)");
        foreach (JsonElement other in results.Where(e => e.GetProperty("trainer").GetString() != "LightGbm"))
        {
            Assert.IsFalse(other.GetProperty("failed").GetBoolean(), other.ToString());
            Assert.AreEqual(JsonValueKind.Null, other.GetProperty("error").ValueKind);
            Assert.IsTrue(other.GetProperty("auc").GetDouble() is > 0.5 and <= 1, other.ToString());
        }

        CliResult text = Tool.Run("compare", "binary", "--data", csv, "--epochs", "3");
        Assert.AreEqual(0, text.ExitCode, text.ToString());
        string row = text.Out.Split('\n').Single(l => l.StartsWith("LightGbm ", StringComparison.Ordinal) && !l.Contains(':', StringComparison.Ordinal));
        Assert.AreEqual(7, row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, row);
        Assert.Contains("failed", row);
        Assert.Contains("LightGbm failed: fold 1, trained on 40 rows", text.Out);
    }

    [TestMethod]
    public void ConstantFeatures_ThreeFolds_DoNotCrash()
    {
        using var temp = new TempFiles();
        var csv = new StringBuilder("Label,a,b\n");
        for (int i = 0; i < 30; i++)
            csv.Append(i % 2).Append(",1,2\n");
        CliResult r = Tool.Run("compare", "binary", "--data", temp.Write("const.csv", csv.ToString()), "--folds", "3",
            "--epochs", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        foreach (JsonElement e in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (e.GetProperty("failed").GetBoolean())
                AssertFailedRow(e, "20 rows");
            else // nothing to learn from constant features: no better than chance
                Assert.AreEqual(0.5, e.GetProperty("auc").GetDouble(), 1e-9, e.ToString());
        }
    }

    [TestMethod]
    public void AThrowingTrainer_IsAFailedRow_AndWhenEveryTrainerFails_TheRunFailsWithOneMessage()
    {
        var console = new CliConsole(new StringWriter(), new StringWriter(), interactive: false);
        IComparedTrainer[] mixed = [new ThrowingTrainer(), MlNetBaselines.LogisticRegression()];
        IReadOnlyList<TrainerResult> results = new ComparisonRunner(BinaryTask.Instance, mixed, 3, 1)
            .Run(CsvTableReader.Read(Tool.Wdbc, "Label"));
        Assert.IsTrue(results[0].Failed);
        Assert.Contains("fold 1, trained on 379 rows", results[0].Failure!);
        Assert.Contains("no fit today (InvalidOperationException)", results[0].Failure!);
        Assert.IsFalse(results[1].Failed);
        Assert.HasCount(3, results[1].Folds);

        var e = Assert.ThrowsExactly<CliException>(() => CompareCommand.Execute(console, BinaryTask.Instance, Tool.Wdbc, "Label",
            [new ThrowingTrainer()], 3, 1, json: true, anyLoss: null));
        Assert.Contains("No trainer could fit", e.Message);
        Assert.Contains("Throwing: fold 1", e.Message);
    }

    private sealed class ThrowingTrainer : IComparedTrainer
    {
        public string Name => "Throwing";

        public ITransformer Fit(IDataView train, int seed) => throw new InvalidOperationException("no fit today");
    }

    private static void AssertFailedRow(JsonElement e, string rowsFragment)
    {
        Assert.IsTrue(e.GetProperty("failed").GetBoolean(), e.ToString());
        string error = e.GetProperty("error").GetString()!;
        Assert.Contains("fold ", error);
        Assert.Contains(rowsFragment, error);
        foreach (string field in new[] { "f1", "auc", "trainSeconds" })
        {
            Assert.AreEqual(JsonValueKind.Null, e.GetProperty(field).ValueKind, field);
            Assert.AreEqual(JsonValueKind.Null, e.GetProperty("std").GetProperty(field).ValueKind, field);
        }
    }
}
