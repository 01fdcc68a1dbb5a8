using System;
using System.IO;
using System.Linq;
using MLNetDiff.Cli.Comparison;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Output;
using MLNetDiff.Cli.Tasks;
using MLNetDiff.Metrics;

namespace MLNetDiff.Cli.Tests;

/// <summary>The interactive compare table fits the terminal: no line wider than it, trainer names never broken.</summary>
[TestClass]
public sealed class ComparisonTableTests
{
    private static readonly string[] Trainers =
        ["AnyLoss-BalancedAccuracy", "AnyLoss-BalancedAccuracy+ThresholdSearch", "BCE-MLP-64-32", "LbfgsLogisticRegression", "LightGbm"];

    [TestMethod]
    public void BreakName_BreaksAfterDashAndBeforePlus_Only()
    {
        Assert.AreEqual("AnyLoss-\nBalancedAccuracy\n+ThresholdSearch", ComparisonTableLayout.BreakName("AnyLoss-BalancedAccuracy+ThresholdSearch", 23));
        Assert.AreEqual("BCE-MLP-64-32", ComparisonTableLayout.BreakName("BCE-MLP-64-32", 23));
        Assert.AreEqual("BCE-MLP-\n64-32", ComparisonTableLayout.BreakName("BCE-MLP-64-32", 8));
        Assert.AreEqual("LbfgsLogisticRegression", ComparisonTableLayout.BreakName("LbfgsLogisticRegression", 5));
    }

    [TestMethod]
    [DataRow(80)]
    [DataRow(100)]
    [DataRow(120)]
    [DataRow(200)]
    public void RichTable_FitsTheWidth_AndKeepsTrainerNamesWhole(int width)
    {
        var table = new CsvTable("x.csv", ',', ["Label", "a"], 0, [1f, 2f, 3f, 4f], [0f, 1f, 0f, 1f]);
        var folds = new[] { new FoldResult([0.91, 0.92, 0.93, 0.94, 0.95], 0.5), new FoldResult([0.81, 0.82, 0.83, 0.84, 0.85], 0.7) };
        TrainerResult[] results = [.. Trainers.Take(4).Select(t => new TrainerResult(t, folds)),
            TrainerResult.FailedAt("LightGbm", "fold 1, trained on 2 rows: no tree")];
        var result = new ComparisonResult(BinaryTask.Instance, table, 2, 1,
            new AnyLossSettings(BinaryMetric.BalancedAccuracy, 1, null, null), results);
        using var output = new StringWriter();
        ComparisonReport.Write(new CliConsole(output, TextWriter.Null, interactive: true, width: width), result, json: false);

        string[] lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        // The title is one long text line that the terminal wraps at spaces; the table's lines are the ones with borders.
        string[] tableLines = lines.Where(l => l.Length > 0 && "┌│├└╭╰".Contains(l[0])).ToArray();
        Assert.IsNotEmpty(tableLines);
        foreach (string line in tableLines)
            Assert.IsLessThanOrEqualTo(width, line.Length, line);
        // Names are whole, or broken only after '-' and before '+': every such part is whole in the trainer column.
        string[] trainerCells = tableLines.Select(l => l.Split('│')).Where(c => c.Length > 2).Select(c => c[1].Trim()).ToArray();
        foreach (string trainer in Trainers)
        {
            string[] parts = ComparisonTableLayout.BreakName(trainer, 1).Split('\n');
            Assert.AreEqual(trainer, string.Concat(parts));
            foreach (string part in parts)
                Assert.IsTrue(trainerCells.Any(c => c.Contains(part, StringComparison.Ordinal)), $"'{part}' of {trainer} whole at width {width}\n{output}");
            if (width >= 200)
                Assert.Contains(trainer, trainerCells, $"unbroken at width {width}\n{output}");
        }
        if (width >= 200)
            Assert.IsTrue(tableLines.Any(l => l.Contains("0.8600 ± 0.0707", StringComparison.Ordinal)), $"one-line cells\n{output}");
        Assert.IsTrue(tableLines.Any(l => l.Contains("0.8600", StringComparison.Ordinal)), $"the means are shown\n{output}");
        Assert.Contains("LightGbm failed: fold 1", output.ToString());
    }
}
