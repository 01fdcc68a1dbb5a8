using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>evaluate on a model of each task: it says which task it decided on (and why), and its metrics are those of
/// the task's ML.NET evaluator on the same rows.</summary>
[TestClass]
public sealed class EvaluateTaskTests
{
    private static string Iris => Tool.DataPath("iris");

    private static string Mq2008(string split) => Path.Combine(System.AppContext.BaseDirectory, "data", "mq2008_sample", split + ".csv");

    private static JsonElement EvaluateJson(params string[] args)
    {
        CliResult r = Tool.Run(["evaluate", .. args, "--json"]);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        return json.RootElement.Clone();
    }

    private static void Train(params string[] args)
    {
        CliResult r = Tool.Run(["train", "baseline", .. args]);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
    }

    [TestMethod]
    public void MulticlassModel_IsEvaluatedAsMulticlass_WithMlNetsNumbers()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("mc.zip");
        Train("--task", "multiclass", "--trainer", "SdcaMaximumEntropy", "--data", Iris, "--out", model);
        JsonElement root = EvaluateJson("--model", model, "--data", Iris);
        Assert.AreEqual("multiclass", root.GetProperty("task").GetString());
        Assert.Contains("MulticlassClassification", root.GetProperty("taskReason").GetString()!);
        Assert.AreEqual(3, root.GetProperty("classes").GetInt32());

        // The same model scored by ML.NET directly: the CSV's label mapped to the model's classes.
        var ml = new MLContext(1);
        ITransformer loaded = ml.Model.Load(model, out DataViewSchema input);
        IDataView data = ml.Data.CreateTextLoader(
            [.. input.Select(c => new TextLoader.Column(c.Name, DataKind.Single, c.Index + 1)), new TextLoader.Column("y", DataKind.String, 0)],
            separatorChar: ',', hasHeader: true).Load(Iris);
        IDataView scored = loaded.Transform(data);
        uint[] predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        string[] truth = scored.GetColumn<string>("y").ToArray();
        VBuffer<System.ReadOnlyMemory<char>> names = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref names);
        string[] classes = names.DenseValues().Select(v => v.ToString()).ToArray();
        double accuracy = predicted.Where((p, i) => classes[p - 1] == truth[i]).Count() / (double)truth.Length;
        Assert.AreEqual(accuracy, root.GetProperty("microAccuracy").GetDouble(), 1e-12);
        Assert.IsGreaterThan(0.85, accuracy);

        CliResult text = Tool.Run("evaluate", "--model", model, "--data", Iris);
        Assert.Contains("Task: multiclass (decided from the model's output:", text.Out);
        Assert.Contains("MacroAccuracy", text.Out);
    }

    [TestMethod]
    public void MlNetsUsualMulticlassPipeline_WithTheLabelInItsInputAndMapKeyToValue_IsEvaluated()
    {
        // MapValueToKey(Label) → Concatenate → LbfgsMaximumEntropy → MapKeyToValue(PredictedLabel), saved with the
        // loader's schema: the model reads the label itself and its PredictedLabel is text, so the classes come from the
        // Score slot names.
        using var temp = new TempFiles();
        var ml = new MLContext(1);
        string[] header = File.ReadLines(Iris).First().Split(',');
        IDataView data = ml.Data.CreateTextLoader(
            [new TextLoader.Column("Label", DataKind.String, 0), .. header.Skip(1).Select((h, i) => new TextLoader.Column(h, DataKind.Single, i + 1))],
            separatorChar: ',', hasHeader: true).Load(Iris);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Concatenate("Features", header.Skip(1).ToArray()))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var fitted = pipeline.Fit(data);
        string model = temp.PathOf("usual.zip");
        ml.Model.Save(fitted, data.Schema, model);
        MulticlassClassificationMetrics expected = ml.MulticlassClassification.Evaluate(fitted.Transform(data));

        JsonElement root = EvaluateJson("--model", model, "--data", Iris);
        Assert.AreEqual("multiclass", root.GetProperty("task").GetString());
        Assert.AreEqual(expected.MicroAccuracy, root.GetProperty("microAccuracy").GetDouble(), 1e-12);
        Assert.AreEqual(expected.MacroAccuracy, root.GetProperty("macroAccuracy").GetDouble(), 1e-12);
        Assert.AreEqual(expected.LogLoss, root.GetProperty("logLoss").GetDouble(), 1e-9);
    }

    [TestMethod]
    public void MulticlassModel_OnACsvWithAClassItDoesNotKnow_SaysSo()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("mc.zip");
        Train("--task", "multiclass", "--data", Iris, "--out", model);
        string csv = temp.Write("other.csv", File.ReadLines(Iris).First() + "\n0,5.1,3.5,1.4,0.2\n7,6,3,5,2\n");
        Tool.AssertFails(1, ["evaluate", "--model", model, "--data", csv], "'7'", "does not know", "'0', '1', '2'");
    }

    [TestMethod]
    public void RegressionModel_WithAFeaturesVector_IsEvaluatedAsRegression()
    {
        using var temp = new TempFiles();
        var ml = new MLContext(1);
        IDataView data = ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Label", DataKind.Single, 0),
            new TextLoader.Column("Features", DataKind.Single, 1, 30),
        ], separatorChar: ',', hasHeader: true).Load(Tool.Wdbc);
        string model = temp.PathOf("sdca.zip");
        var sdca = ml.Transforms.NormalizeMeanVariance("Features").Append(ml.Regression.Trainers.Sdca()).Fit(data);
        ml.Model.Save(sdca, data.Schema, model);
        RegressionMetrics expected = ml.Regression.Evaluate(sdca.Transform(data));

        JsonElement root = EvaluateJson("--model", model, "--data", Tool.Wdbc);
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        Assert.AreEqual(expected.RootMeanSquaredError, root.GetProperty("rootMeanSquaredError").GetDouble(), 1e-6);
        Assert.AreEqual(expected.RSquared, root.GetProperty("rSquared").GetDouble(), 1e-6);
    }

    [TestMethod]
    public void ClusteringModel_NmiOnlyWithALabel()
    {
        using var temp = new TempFiles();
        string features = temp.Write("iris-features.csv", string.Join('\n', File.ReadLines(Iris).Select(l => l[(l.IndexOf(',', System.StringComparison.Ordinal) + 1)..])) + "\n");
        string model = temp.PathOf("k.zip");
        Train("--task", "clustering", "--data", features, "--clusters", "3", "--out", model);

        JsonElement labelled = EvaluateJson("--model", model, "--data", Iris);
        Assert.AreEqual("clustering", labelled.GetProperty("task").GetString());
        Assert.Contains("Clustering", labelled.GetProperty("taskReason").GetString()!);
        Assert.IsGreaterThan(0.4, labelled.GetProperty("normalizedMutualInformation").GetDouble(), "the default Label column is used");

        JsonElement unlabelled = EvaluateJson("--model", model, "--data", features);
        Assert.IsFalse(unlabelled.TryGetProperty("normalizedMutualInformation", out _));
        Assert.AreEqual(labelled.GetProperty("averageDistance").GetDouble(), unlabelled.GetProperty("averageDistance").GetDouble(), 1e-9,
            "the same rows, the same distances");
        Assert.IsGreaterThan(0.0, unlabelled.GetProperty("daviesBouldinIndex").GetDouble());
    }

    [TestMethod]
    public void RankingModel_NeedsTheGroupColumn_AndScoresTheTestQueries()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("rank.zip");
        Train("--task", "ranking", "--trainer", "FastTreeRanking", "--data", Mq2008("train"), "--group", "GroupId", "--out", model);
        Tool.AssertFails(1, ["evaluate", "--model", model, "--data", Mq2008("test")], "ranking model", "--group");
        JsonElement root = EvaluateJson("--model", model, "--data", Mq2008("test"), "--group", "GroupId");
        Assert.AreEqual("ranking", root.GetProperty("task").GetString());
        Assert.AreEqual(35, root.GetProperty("groups").GetInt32());
        Assert.IsTrue(root.GetProperty("ndcgAt10").GetDouble() is > 0.3 and <= 1, root.ToString());
    }

    [TestMethod]
    public void BinaryModel_SaysItsTask()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("lr.zip");
        Train("--task", "binary", "--data", Tool.Wdbc, "--out", model);
        JsonElement root = EvaluateJson("--model", model, "--data", Tool.Wdbc);
        Assert.AreEqual("binary", root.GetProperty("task").GetString());
        Assert.Contains("PredictedLabel Boolean", root.GetProperty("taskReason").GetString()!);
        Assert.IsGreaterThan(0.9, root.GetProperty("f1").GetDouble());
    }
}
