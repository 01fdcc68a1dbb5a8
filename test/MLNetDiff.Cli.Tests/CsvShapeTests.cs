using System.IO;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>Rows whose field count differs from the header's, and values that parse but are not finite.</summary>
[TestClass]
public sealed class CsvShapeTests
{
    [TestMethod]
    public void RowWithMoreFieldsThanTheHeader_IsAnErrorNamingTheRowAndTheCounts()
    {
        using var temp = new TempFiles();
        // A decimal comma: "29,7" would have become 29 in column b and 7 dropped (or shifted into the next column).
        string csv = temp.Write("comma.csv", "Label,a,b\n0,1,2\n1,29,7,3\n0,2,2\n");
        Tool.AssertFails(1, ["train", "anyloss", "--data", csv, "--out", temp.PathOf("m.zip")],
            "comma.csv", "Data row 2 (line 3)", "4 fields", "header has 3 columns", "decimal comma");
        Tool.AssertFails(1, ["compare", "binary", "--data", csv], "Data row 2", "4 fields");
    }

    [TestMethod]
    public void RowWithFewerFields_SaysSo_RatherThanAMissingValue()
    {
        using var temp = new TempFiles();
        string csv = temp.Write("short.csv", "Label,a,b\n0,1,2\n1,3,4\n1,3\n");
        CliResult r = Tool.AssertFails(1, ["train", "anyloss", "--data", csv, "--out", temp.PathOf("m.zip")],
            "Data row 3 (line 4)", "2 fields", "header has 3 columns");
        Assert.DoesNotContain("empty (missing)", r.Error);
    }

    [TestMethod]
    public void BlankLinesAreSkipped_AndRowNumbersStillMatchTheValueErrors()
    {
        using var temp = new TempFiles();
        // TextLoader skips the blank line; its data row 3 is the line with 'x', as the field check counts.
        string values = temp.Write("blank.csv", "Label,a\n0,1\n\n1,2\n0,x\n");
        Tool.AssertFails(1, ["compare", "binary", "--data", values], "'x'", "data row 3 ");
        string fields = temp.Write("blank2.csv", "Label,a\n0,1\n\n1,2\n0,3,4\n");
        Tool.AssertFails(1, ["compare", "binary", "--data", fields], "Data row 3 (line 5)", "3 fields");
    }

    [TestMethod]
    public void QuotedSeparators_BelongToTheirValue()
    {
        Assert.AreEqual(3, CsvFieldCounts.Count("a,\"b,c\",d", ','));
        Assert.AreEqual(2, CsvFieldCounts.Count("\"say \"\"hi, there\"\"\",1", ','));
        Assert.AreEqual(1, CsvFieldCounts.Count(string.Empty, ','));
        Assert.AreEqual(3, CsvFieldCounts.Count("1;2;3", ';'));
        using var temp = new TempFiles();
        CsvTable table = CsvTableReader.Read(temp.Write("q.csv", "\"Label\",\"a,b\"\n0,1\n1,\"2\"\n"), "Label");
        Assert.AreEqual(2, table.RowCount);
        Assert.AreEqual("a,b", table.FeatureColumns[0], "the header is split as the rows are");
        CollectionAssert.AreEqual(new[] { 2f }, table.RowFeatures(1).ToArray());
    }

    [TestMethod]
    [DataRow("NaN")]
    [DataRow("Infinity")]
    [DataRow("-Infinity")]
    [DataRow("1e39")]
    public void NonFiniteValues_AreCalledNonFinite_NotNonNumeric(string value)
    {
        using var temp = new TempFiles();
        string csv = temp.Write("nan.csv", $"Label,a\n0,1\n1,{value}\n");
        CliResult r = Tool.AssertFails(1, ["compare", "binary", "--data", csv], "'a'", "non-finite value", "row 2");
        Assert.DoesNotContain("non-numeric", r.Error);
    }

    [TestMethod]
    public void OutEqualToData_IsRefused_AndTheCsvIsLeftAlone()
    {
        using var temp = new TempFiles();
        string csv = Subsets.Wdbc(temp, "h.csv", 10);
        string before = File.ReadAllText(csv);
        Tool.AssertFails(1, ["train", "anyloss", "--data", csv, "--out", csv], "--out", "--data", "overwrite");
        // The same file through another spelling of its path.
        string other = Path.Combine(temp.Folder, ".", "h.csv");
        Tool.AssertFails(1, ["train", "anyloss", "--data", csv, "--out", other], "overwrite");
        Assert.AreEqual(before, File.ReadAllText(csv));
    }
}
