using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>train baseline: a task's ML.NET baseline saved through the descriptor plumbing; its training metrics are the
/// task's, and bad task, trainer and option combinations are refused.</summary>
[TestClass]
public sealed class TrainBaselineTests
{
    [TestMethod]
    public void RegressionBaseline_ReportsTheTasksTrainingMetrics_AndEvaluateAgrees()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("r.zip");
        string concrete = Tool.DataPath("concrete_strength");
        CliResult r = Tool.Run("train", "baseline", "--task", "regression", "--trainer", "lightgbm", "--data", concrete, "--out", model, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("LightGbm", root.GetProperty("trainer").GetString(), "the trainer's own spelling");
        Assert.AreEqual("rSquared", root.GetProperty("primaryMetric").GetString());
        double r2 = root.GetProperty("training").GetProperty("rSquared").GetDouble();
        CliResult e = Tool.Run("evaluate", "--model", model, "--data", concrete, "--json");
        using JsonDocument ej = JsonDocument.Parse(e.Out);
        // The saved model (Concatenate of the CSV's columns → LightGbm) on the training CSV: the same R² as training reported.
        Assert.AreEqual(r2, ej.RootElement.GetProperty("rSquared").GetDouble(), 1e-9);
    }

    [TestMethod]
    public void BadTaskTrainerAndOptions_AreRefused()
    {
        Tool.AssertFails(2, ["train", "baseline", "--task", "forecasting", "--data", Tool.Wdbc, "--out", "m.zip"],
            "--task 'forecasting'", "multiclass");
        Tool.AssertFails(1, ["train", "baseline", "--task", "multiclass", "--trainer", "KMeans", "--data", Tool.DataPath("iris"), "--out", "m.zip"],
            "'KMeans' is not a multiclass baseline", "LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm");
        Tool.AssertFails(1, ["train", "baseline", "--task", "binary", "--group", "x", "--data", Tool.Wdbc, "--out", "m.zip"],
            "--group applies only to ranking");
        Tool.AssertFails(1, ["train", "baseline", "--task", "ranking", "--data", Tool.Wdbc, "--out", "m.zip"], "--group");
        Tool.AssertFails(1, ["train", "baseline", "--task", "clustering", "--data", Tool.Wdbc, "--out", "m.zip"], "--clusters is required");
        Tool.AssertFails(1, ["train", "baseline", "--task", "regression", "--data", Tool.Wdbc, "--out", Tool.Wdbc], "is the --data file");
    }

    [TestMethod]
    public void MulticlassBaseline_ExportsToOnnx_WithALabelledSample()
    {
        // export's sample may carry the label column; a multiclass one (0, 1, 2) is left out of the inputs like 0/1.
        using var temp = new TempFiles();
        string model = temp.PathOf("mc.zip"), iris = Tool.DataPath("iris");
        Assert.AreEqual(0, Tool.Run("train", "baseline", "--task", "multiclass", "--data", iris, "--out", model).ExitCode);
        CliResult r = Tool.Run("export", "--model", model, "--sample", iris, "--out", temp.PathOf("mc.onnx"), "--verify", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(4, json.RootElement.GetProperty("inputs").GetArrayLength(), "the four measurements, not the label");
        Assert.IsTrue(json.RootElement.GetProperty("passed").GetBoolean(), r.Out);
    }

    [TestMethod]
    public void TrainHelp_ListsBothCommands()
    {
        CliResult r = Tool.Run("train", "--help");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsTrue(new[] { "anyloss", "baseline" }.All(c => r.Out.Contains(c, System.StringComparison.Ordinal)), r.Out);
    }
}
