using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>compare ranking on the MQ2008 sample (997 documents in 68 queries, relevance 0/1/2): ML.NET's two LambdaMART
/// rankers over folds of whole queries, and the bad inputs of a ranking CSV (group column, relevance grades).</summary>
[TestClass]
public sealed class CompareRankingTests
{
    private static string Mq2008 => Path.Combine(AppContext.BaseDirectory, "data", "mq2008_sample", "train.csv");

    [TestMethod]
    public void CompareRankingJson_HasBothRankers_AndSaneNdcg()
    {
        CliResult r = Tool.Run("compare", "ranking", "--data", Mq2008, "--group", "GroupId", "--folds", "3", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement root = json.RootElement;
        Assert.AreEqual("ranking", root.GetProperty("task").GetString());
        Assert.AreEqual("grouped", root.GetProperty("foldKind").GetString());
        Assert.AreEqual("ndcgAt10", root.GetProperty("primaryMetric").GetString());
        Assert.AreEqual(997, root.GetProperty("rows").GetInt32());
        Assert.AreEqual(46, root.GetProperty("features").GetInt32(), "neither the label nor the group is a feature");
        Assert.AreEqual(68, root.GetProperty("groups").GetInt32());
        JsonElement counts = root.GetProperty("relevanceCounts");
        Assert.AreEqual(787, counts.GetProperty("0").GetInt32());
        Assert.AreEqual(63, counts.GetProperty("2").GetInt32());
        JsonElement[] results = root.GetProperty("results").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "LightGbmRanking", "FastTreeRanking" }, results.Select(e => e.GetProperty("trainer").GetString()).ToArray());
        foreach (JsonElement e in results)
        {
            Assert.IsFalse(e.GetProperty("failed").GetBoolean(), e.ToString());
            foreach (string k in new[] { "ndcgAt1", "ndcgAt3", "ndcgAt5", "ndcgAt10" })
                Assert.IsTrue(e.GetProperty(k).GetDouble() is > 0 and <= 1, $"{k}: {e}");
            // LETOR MQ2008 NDCG@10 of LambdaMART is about 0.5; a random order of these queries gives clearly less.
            Assert.IsGreaterThan(0.35, e.GetProperty("ndcgAt10").GetDouble(), e.ToString());
            Assert.IsGreaterThan(0.0, e.GetProperty("dcgAt10").GetDouble());
        }
    }

    [TestMethod]
    public void GroupFolds_KeepEveryGroupWhole_AndBalanceRows()
    {
        CsvTable table = CsvTableReader.Read(Mq2008, "Label", RankingTask.Instance, "GroupId");
        int[] fold = RankingTask.Instance.AssignFolds(table, 4, 3);
        for (int g = 0; g < table.GroupNames.Count; g++)
        {
            int[] folds = Enumerable.Range(0, table.RowCount).Where(r => table.Groups[r] == g).Select(r => fold[r]).Distinct().ToArray();
            Assert.HasCount(1, folds, $"group {table.GroupNames[g]} in one fold");
        }
        int[] sizes = Enumerable.Range(0, 4).Select(k => fold.Count(f => f == k)).ToArray();
        // The largest query has 64 documents: greedy filling keeps folds within one such query of each other.
        Assert.IsLessThanOrEqualTo(64, sizes.Max() - sizes.Min(), string.Join(", ", sizes));
        CollectionAssert.AreNotEqual(fold, RankingTask.Instance.AssignFolds(table, 4, 4), "seeded");
    }

    [TestMethod]
    public void MissingOrUnknownGroupColumn_IsRefused()
    {
        Tool.AssertFails(2, ["compare", "ranking", "--data", Mq2008], "--group");
        Tool.AssertFails(1, ["compare", "ranking", "--data", Mq2008, "--group", "QueryId"], "Group column 'QueryId' not found", "GroupId");
        Tool.AssertFails(1, ["compare", "ranking", "--data", Mq2008, "--group", "Label"], "names the label column");
    }

    [TestMethod]
    public void RelevanceOfTheWrongType_IsRefused()
    {
        using var temp = new TempFiles();
        Tool.AssertFails(1, ["compare", "ranking", "--data", temp.Write("t.csv", "Label,q,a\n0,1,1\nhigh,1,2\n"), "--group", "q"],
            "'Label'", "'high'", "data row 2", "relevance grade");
        Tool.AssertFails(1, ["compare", "ranking", "--data", temp.Write("f.csv", "Label,q,a\n0,1,1\n1.5,1,2\n"), "--group", "q"],
            "'1.5'", "whole number from 0 to 4");
        Tool.AssertFails(1, ["compare", "ranking", "--data", temp.Write("b.csv", "Label,q,a\n0,1,1\n7,1,2\n"), "--group", "q"], "'7'");
    }

    [TestMethod]
    public void SplitGroups_AndTooFewGroups_AreRefused()
    {
        using var temp = new TempFiles();
        Tool.AssertFails(1, ["compare", "ranking", "--data", temp.Write("s.csv", "Label,q,a\n0,A,1\n1,B,2\n2,A,3\n"), "--group", "q"],
            "Group 'A'", "data row 3", "sort the file by the group column");
        Tool.AssertFails(1, ["compare", "ranking", "--data", temp.Write("few.csv", "Label,q,a\n0,A,1\n1,A,2\n2,B,3\n0,B,1\n"),
            "--group", "q", "--folds", "3"], "2 groups", "at least 3");
    }

    [TestMethod]
    public void FourQueries_LightGbmRankingIsAFailedRowWithItsReason_FastTreeRuns()
    {
        using var temp = new TempFiles();
        string csv = temp.Write("q4.csv", string.Join('\n', File.ReadLines(Mq2008).Take(40)) + "\n");
        CliResult r = Tool.Run("compare", "ranking", "--data", csv, "--group", "GroupId", "--folds", "2", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Out);
        JsonElement[] results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        JsonElement lightGbm = results.Single(e => e.GetProperty("trainer").GetString() == "LightGbmRanking");
        Assert.IsTrue(lightGbm.GetProperty("failed").GetBoolean(), lightGbm.ToString());
        Assert.Contains("fold 1, trained on 15 rows in 2 groups", lightGbm.GetProperty("error").GetString()!);
        Assert.AreEqual(JsonValueKind.Null, lightGbm.GetProperty("ndcgAt10").ValueKind);
        JsonElement fastTree = results.Single(e => e.GetProperty("trainer").GetString() == "FastTreeRanking");
        Assert.IsFalse(fastTree.GetProperty("failed").GetBoolean(), fastTree.ToString());
        Assert.IsTrue(fastTree.GetProperty("ndcgAt10").GetDouble() is >= 0 and <= 1);

        CliResult text = Tool.Run("compare", "ranking", "--data", csv, "--group", "GroupId", "--folds", "2");
        Assert.Contains("LightGbmRanking failed: fold 1, trained on 15 rows in 2 groups", text.Out);
    }

    [TestMethod]
    public void CompareHelp_ListsEveryTask()
    {
        CliResult r = Tool.Run("compare", "--help");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        foreach (string task in new[] { "binary", "regression", "multiclass", "clustering", "ranking" })
            Assert.Contains(task, r.Out);
        Tool.AssertFails(2, ["compare", "ranknig", "--data", Mq2008], "unknown command 'ranknig'", "ranking");
    }

    [TestMethod]
    public void OneGrade_IsAWarning()
    {
        using var temp = new TempFiles();
        var csv = new System.Text.StringBuilder("Label,q,a\n");
        for (int i = 0; i < 30; i++)
            csv.Append("1,").Append(i / 5).Append(',').Append(i).Append('\n');
        CliResult r = Tool.Run("compare", "ranking", "--data", temp.Write("g.csv", csv.ToString()), "--group", "q", "--folds", "3", "--json");
        Assert.IsTrue(r.ErrorLines.Length >= 1 && r.ErrorLines[0].StartsWith("mlnetdiff: warning: ", StringComparison.Ordinal), r.ToString());
        Assert.Contains("one relevance grade only", r.ErrorLines[0]);
    }
}
