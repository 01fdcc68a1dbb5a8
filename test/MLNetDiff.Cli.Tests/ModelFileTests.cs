using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>evaluate on model files that are not what it needs: each error says what is wrong with the file, or what the
/// model expects.</summary>
[TestClass]
public sealed class ModelFileTests
{
    private static string TrainedModel(TempFiles temp)
    {
        string model = temp.PathOf("anyloss.zip");
        CliResult r = Tool.Run("train", "anyloss", "--data", Tool.Wdbc, "--epochs", "2", "--out", model);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        return model;
    }

    [TestMethod]
    public void ModelOfNoKnownTask_IsRefused_NamingWhatItWrites()
    {
        // A vector Score without a PredictedLabel is neither a classifier nor a clusterer. (ML.NET's anomaly detectors
        // score through its binary scorer and read as binary classifiers; no annotation tells them apart.)
        using var temp = new TempFiles();
        var ml = new MLContext(1);
        IDataView data = ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Features", DataKind.Single, 1, 30),
        ], separatorChar: ',', hasHeader: true).Load(Tool.Wdbc);
        string model = temp.PathOf("copy.zip");
        ml.Model.Save(ml.Transforms.CopyColumns("Score", "Features").Fit(data), data.Schema, model);
        Tool.AssertFails(1, ["evaluate", "--model", model, "--data", Tool.Wdbc], "copy.zip", "Score a vector of 30 Single",
            "PredictedLabel absent", "not the output of a binary, multiclass, regression, clustering or ranking model");
    }

    [TestMethod]
    public void NotAZip_AndAZipOfSomethingElse_SaySo()
    {
        using var temp = new TempFiles();
        Tool.AssertFails(1, ["evaluate", "--model", temp.Write("notes.zip", "plain text"), "--data", Tool.Wdbc],
            "notes.zip", "is not a zip archive");
        string other = temp.PathOf("photos.zip");
        using (ZipArchive zip = ZipFile.Open(other, ZipArchiveMode.Create))
            zip.CreateEntry("holiday.jpg");
        Tool.AssertFails(1, ["evaluate", "--model", other, "--data", Tool.Wdbc], "photos.zip", "not an ML.NET model",
            "holiday.jpg");
    }

    [TestMethod]
    public void DamagedEntry_SaysTheFileIsDamaged_WithTheUnderlyingError()
    {
        using var temp = new TempFiles();
        string model = TrainedModel(temp);
        byte[] bytes = File.ReadAllBytes(model);
        long offset;
        using (ZipArchive zip = ZipFile.OpenRead(model))
        {
            // The local header of the network's entry: its data follows the 30-byte header and the name.
            ZipArchiveEntry entry = zip.Entries.First(e => e.FullName.EndsWith("Predictor/Model.key", StringComparison.Ordinal));
            offset = LocalHeaderOffset(bytes, entry.FullName) + 30 + entry.FullName.Length;
        }
        for (long i = offset + 10; i < offset + 60; i++)
            bytes[i] ^= 0x5A;
        string damaged = temp.PathOf("damaged.zip");
        File.WriteAllBytes(damaged, bytes);
        CliResult r = Tool.AssertFails(1, ["evaluate", "--model", damaged, "--data", Tool.Wdbc], "damaged.zip", "damaged");
        Assert.DoesNotContain("target of an invocation", r.Error);
    }

    [TestMethod]
    public void FeaturesVectorModel_OnACsvOfAnotherWidth_SaysWhatTheModelExpects()
    {
        using var temp = new TempFiles();
        var ml = new MLContext(1);
        IDataView data = ml.Data.CreateTextLoader(
        [
            new TextLoader.Column("Label", DataKind.Boolean, 0),
            new TextLoader.Column("Features", DataKind.Single, 1, 30),
        ], separatorChar: ',', hasHeader: true).Load(Tool.Wdbc);
        string model = temp.PathOf("fasttree.zip");
        ml.Model.Save(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 5).Fit(data), data.Schema, model);
        string narrow = temp.Write("narrow.csv", string.Join('\n',
            File.ReadLines(Tool.Wdbc).Take(30).Select(l => string.Join(',', l.Split(',').Take(11)))) + "\n");
        Tool.AssertFails(1, ["evaluate", "--model", model, "--data", narrow], "expects input 'Features'",
            "30 values", "10 feature columns");
    }

    [TestMethod]
    public void OneClassData_WarnsThatBalancedMetricsMeanNothing()
    {
        using var temp = new TempFiles();
        string model = TrainedModel(temp);
        string positives = temp.Write("pos.csv", string.Join('\n',
            File.ReadLines(Tool.Wdbc).Take(1).Concat(File.ReadLines(Tool.Wdbc).Where(l => l.StartsWith("1,")).Take(20))) + "\n");
        CliResult r = Tool.Run("evaluate", "--model", model, "--data", positives, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.HasCount(1, r.ErrorLines, r.ToString());
        Assert.StartsWith("mlnetdiff: warning: ", r.ErrorLines[0]);
        Assert.Contains("only class 1", r.ErrorLines[0]);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("auc").ValueKind);

        CliResult both = Tool.Run("evaluate", "--model", model, "--data", Tool.Wdbc);
        Assert.AreEqual(string.Empty, both.Error, "no warning with both classes");
    }

    private static long LocalHeaderOffset(byte[] zip, string name)
    {
        byte[] signature = [0x50, 0x4B, 0x03, 0x04];
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (int i = 0; i + 30 + nameBytes.Length <= zip.Length; i++)
        {
            if (zip.AsSpan(i, 4).SequenceEqual(signature) && zip.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
                return i;
        }
        throw new AssertFailedException($"no local header for {name}");
    }
}
