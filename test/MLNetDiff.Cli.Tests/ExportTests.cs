using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Onnx;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

[TestClass]
public sealed class ExportTests
{
    private static TempFiles s_temp = null!;
    private static string s_model = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        s_temp = new TempFiles();
        s_model = s_temp.PathOf("model.zip");
        CliResult train = Tool.Run("train", "anyloss", "--data", Tool.Wdbc, "--hidden", "16", "--epochs", "5", "--seed", "3", "--out", s_model);
        Assert.AreEqual(0, train.ExitCode, train.ToString());
    }

    [ClassCleanup]
    public static void Cleanup() => s_temp?.Dispose();

    [TestMethod]
    public void Export_Verify_Json_EveryOutputWithinTolerance()
    {
        using var temp = new TempFiles();
        string onnx = temp.PathOf("model.onnx");
        CliResult r = Tool.Run("export", "--model", s_model, "--sample", Tool.Wdbc, "--out", onnx, "--verify", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        Assert.IsTrue(File.Exists(onnx) && new FileInfo(onnx).Length > 0, r.ToString());

        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual(569, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(30, root.GetProperty("inputs").GetArrayLength(), "one graph input per feature column");
        JsonElement[] outputs = root.GetProperty("outputs").EnumerateArray().ToArray();
        string[] names = outputs.Select(o => o.GetProperty("name").GetString()!).ToArray();
        // ML.NET's converter names each output after its column, with ".output".
        CollectionAssert.Contains(names, "Score.output", r.Out);
        CollectionAssert.Contains(names, "PredictedLabel.output", r.Out);
        foreach (JsonElement o in outputs)
        {
            Assert.IsTrue(o.GetProperty("withinTolerance").GetBoolean(), o.ToString());
            double abs = o.GetProperty("maxAbsDiff").GetDouble(), rel = o.GetProperty("maxRelDiff").GetDouble();
            Assert.IsTrue(abs is >= 0 and < 1e-3 && rel >= 0, o.ToString());
        }
        Assert.AreEqual(0, root.GetProperty("labelMismatches").GetInt32());
        Assert.IsTrue(root.GetProperty("passed").GetBoolean());
    }

    [TestMethod]
    public void Export_Verify_Text_PrintsTheTable()
    {
        using var temp = new TempFiles();
        string onnx = temp.PathOf("model.onnx");
        CliResult r = Tool.Run("export", "--model", s_model, "--sample", Tool.Wdbc, "--out", onnx, "--verify");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        foreach (string fragment in new[] { "Exported", "max abs diff", "max rel diff", "within tolerance", "Score.output", "PredictedLabel.output", "Label mismatches: 0", "Verification passed" })
            Assert.Contains(fragment, r.Out);
    }

    [TestMethod]
    public void Export_WithoutVerify_WritesTheModel_AndListsOutputs()
    {
        using var temp = new TempFiles();
        string onnx = temp.PathOf("model.onnx");
        CliResult r = Tool.Run("export", "--model", s_model, "--sample", Tool.Wdbc, "--out", onnx, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsTrue(File.Exists(onnx));
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.IsFalse(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.IsTrue(json.RootElement.GetProperty("outputs").EnumerateArray().Any(o => o.GetProperty("name").GetString() == "Score.output"));
    }

    [TestMethod]
    public void Export_SampleWithoutLabelColumn_Verifies()
    {
        using var temp = new TempFiles();
        // The WDBC file without its first (Label) column.
        string[] lines = File.ReadAllLines(Tool.Wdbc).Take(101).Select(l => l[(l.IndexOf(',', System.StringComparison.Ordinal) + 1)..]).ToArray();
        string sample = temp.PathOf("unlabelled.csv");
        File.WriteAllLines(sample, lines);
        CliResult r = Tool.Run("export", "--model", s_model, "--sample", sample, "--out", temp.PathOf("m.onnx"), "--verify", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(100, json.RootElement.GetProperty("rows").GetInt32());
        Assert.IsTrue(json.RootElement.GetProperty("passed").GetBoolean(), r.Out);
    }

    [TestMethod]
    public void Export_MissingModel_OneLineExit1()
    {
        using var temp = new TempFiles();
        string missing = temp.PathOf("nope.zip");
        Tool.AssertFails(1, ["export", "--model", missing, "--sample", Tool.Wdbc, "--out", temp.PathOf("m.onnx")], "not found", missing);
        Assert.IsFalse(File.Exists(temp.PathOf("m.onnx")));
    }

    [TestMethod]
    public void Export_MissingSample_OneLineExit1()
    {
        using var temp = new TempFiles();
        string missing = temp.PathOf("nope.csv");
        Tool.AssertFails(1, ["export", "--model", s_model, "--sample", missing, "--out", temp.PathOf("m.onnx"), "--verify"], "not found", missing);
    }

    [TestMethod]
    public void Export_MissingRequiredOption_UsageError()
    {
        Tool.AssertFails(2, ["export", "--model", s_model, "--sample", Tool.Wdbc], "--out");
    }

    [TestMethod]
    public void Export_UnsupportedStep_NamesTheStepShortly()
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("kernel.zip");
        var ml = new MLContext(1);
        IDataView data = ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Label", DataKind.Boolean, 0),
            new TextLoader.Column("Features", DataKind.Single, 1, 30),
        ], separatorChar: ',', hasHeader: true).Load(Tool.Wdbc);
        // Random Fourier features: neither ML.NET's converter nor MLNetDiff exports them.
        ITransformer pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.ApproximatedKernelMap("Features", rank: 5))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(data);
        ml.Model.Save(pipeline, data.Schema, model);

        string onnx = temp.PathOf("kernel.onnx");
        CliResult r = Tool.AssertFails(1, ["export", "--model", model, "--sample", Tool.Wdbc, "--out", onnx, "--verify"],
            "step 2 of 3 (ApproximatedKernelTransformer)");
        Assert.DoesNotContain("Microsoft.ML.Transforms.", r.Error, "a short type name, not the full one");
        Assert.IsLessThan(300, r.ErrorLines[0].Length, r.Error);
        Assert.IsFalse(File.Exists(onnx), "no ONNX file for a model that cannot be exported");
    }

    [TestMethod]
    [DataRow("--model")]
    [DataRow("--sample")]
    public void Export_OutEqualToAnInput_IsRefused_AndTheInputKept(string option)
    {
        using var temp = new TempFiles();
        string model = temp.PathOf("model.zip");
        string sample = temp.PathOf("sample.csv");
        File.Copy(s_model, model);
        File.Copy(Tool.Wdbc, sample);
        string target = option == "--model" ? model : sample;
        byte[] before = File.ReadAllBytes(target);
        // The same file through another spelling of its path.
        string alias = Path.Combine(Path.GetDirectoryName(target)!, ".", Path.GetFileName(target));
        Tool.AssertFails(1, ["export", "--model", model, "--sample", sample, "--out", alias], "--out", option);
        CollectionAssert.AreEqual(before, File.ReadAllBytes(target), $"the {option} file must be untouched");
    }

    [TestMethod]
    public void Export_Verify_ReadsTheSampleInOnePass_NotOnePerColumn()
    {
        var ml = new MLContext(0);
        ITransformer model = ModelFile.Load(ml, s_model, out DataViewSchema inputSchema);
        SampleData read = SampleData.Read(ml, Tool.Wdbc, "Label", inputSchema);
        Assert.AreEqual(30, read.View.Schema.Count(c => !c.IsHidden), "30 feature columns: a cursor per column would show");
        var counting = new CountingDataView(read.View);
        var sample = new SampleData(counting, read.Rows, read.Name);

        using var stream = new MemoryStream();
        ml.Model.ExportToOnnx(model, counting, stream);
        Assert.AreEqual(0, counting.Passes, "the export reads only the schema");

        VerificationResult result = OnnxVerifier.Verify(stream.ToArray(), model, sample);
        Assert.IsTrue(result.Passed);
        // One pass for ONNX Runtime's inputs, one for ML.NET's scored outputs (which reads the sample once).
        Assert.IsLessThanOrEqualTo(2, counting.Passes, $"{counting.Passes} passes over the sample");
    }
}
