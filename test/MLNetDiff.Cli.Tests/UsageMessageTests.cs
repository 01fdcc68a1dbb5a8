using System.Text.Json;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>Command lines a new user gets wrong: the message names the problem and the allowed values.</summary>
[TestClass]
public sealed class UsageMessageTests
{
    [TestMethod]
    public void UnknownCommand_SaysUnknown_AndListsTheValidOnes()
    {
        CliResult r = Tool.AssertFails(2, ["trian", "anyloss", "--data", Tool.Wdbc], "unknown command 'trian'",
            "train, evaluate, export, compare");
        Assert.DoesNotContain("Required command", r.Error);
        Tool.AssertFails(2, ["compare", "multiclas", "--data", Tool.Wdbc], "unknown command 'multiclas'", "'mlnetdiff compare'",
            "binary, regression");
        Tool.AssertFails(2, ["compare"], "'mlnetdiff compare' needs a command", "binary, regression");
    }

    [TestMethod]
    public void HugeHiddenLayer_IsRefusedUpFront_WithTheRange() =>
        Tool.AssertFails(2, ["train", "anyloss", "--data", Tool.Wdbc, "--hidden", "100000000", "--out", "m.zip"],
            "--hidden", "[1, 4096]");

    [TestMethod]
    public void SeedBeyondInt32_StatesTheRange()
    {
        Tool.AssertFails(2, ["train", "anyloss", "--data", Tool.Wdbc, "--seed", "99999999999", "--out", "m.zip"],
            "--seed", "[-2147483648, 2147483647]", "'99999999999'");
        Tool.AssertFails(2, ["compare", "binary", "--data", Tool.Wdbc, "--folds", "99999999999"], "--folds", "[2, 1000]");
        Tool.AssertFails(2, ["compare", "binary", "--data", Tool.Wdbc, "--epochs", "0"], "--epochs", "[1, 1000000]");
    }

    [TestMethod]
    public void BetaWithoutFBeta_IsAUsageError()
    {
        Tool.AssertFails(2, ["train", "anyloss", "--data", Tool.Wdbc, "--beta", "2", "--out", "m.zip"],
            "--beta applies only to --metric fbeta", "F1 (the default)");
        Tool.AssertFails(2, ["compare", "binary", "--data", Tool.Wdbc, "--metric", "gmean", "--beta", "2"],
            "--beta", "--metric is GMean");
    }

    [TestMethod]
    public void ValidationFractionOnTinyData_SaysWhyNoRowsWereHeldOut()
    {
        using var temp = new TempFiles();
        string csv = Subsets.Wdbc(temp, "two.csv", 1);
        CliResult text = Tool.Run("train", "anyloss", "--data", csv, "--epochs", "2", "--validation-fraction", "0.5",
            "--out", temp.PathOf("m.zip"));
        Assert.AreEqual(0, text.ExitCode, text.ToString());
        Assert.Contains("--validation-fraction 0.5 held out no rows", text.Out);
        Assert.Contains("2 rows (1 of class 0, 1 of class 1)", text.Out);
        Assert.DoesNotContain("--validation-fraction 0.2", text.Out, "the fraction the user gave, not a suggestion of another");

        CliResult json = Tool.Run("train", "anyloss", "--data", csv, "--epochs", "2", "--validation-fraction", "0.5",
            "--out", temp.PathOf("m2.zip"), "--json");
        Assert.AreEqual(0, json.ExitCode, json.ToString());
        using JsonDocument doc = JsonDocument.Parse(json.Out);
        Assert.AreEqual(0, doc.RootElement.GetProperty("validationRows").GetInt32());
        Assert.Contains("held out no rows", doc.RootElement.GetProperty("validationNote").GetString()!);
    }

    [TestMethod]
    public void BestEpoch_IsOneBased_AndWithinTheEpochsRun()
    {
        using var temp = new TempFiles();
        CliResult r = Tool.Run("train", "anyloss", "--data", Tool.Wdbc, "--epochs", "6", "--validation-fraction", "0.2",
            "--out", temp.PathOf("m.zip"), "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        int best = doc.RootElement.GetProperty("bestEpoch").GetInt32(), epochs = doc.RootElement.GetProperty("epochs").GetInt32();
        Assert.IsTrue(best >= 1 && best <= epochs, $"best epoch {best} of {epochs}");
    }
}
