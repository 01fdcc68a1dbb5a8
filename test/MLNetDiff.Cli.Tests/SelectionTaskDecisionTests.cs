using System.Globalization;
using System.Linq;
using MLNetDiff.Cli.Selection;
using MLNetDiff.Cli.Tests.Helpers;

namespace MLNetDiff.Cli.Tests;

/// <summary>The task select gfs and compare select decide from the label when --task is not given.</summary>
[TestClass]
public sealed class SelectionTaskDecisionTests
{
    private static string Decide(TempFiles temp, params string[] labels)
    {
        string csv = temp.Write("d.csv", "y,a\n" + string.Concat(labels.Select((l, i) => $"{l},{i.ToString(CultureInfo.InvariantCulture)}\n")));
        return SelectionTasks.Decide(null, csv, "y").Task.Name;
    }

    [TestMethod]
    public void ZeroOne_And_TrueFalse_AreBinary()
    {
        using var temp = new TempFiles();
        Assert.AreEqual("binary", Decide(temp, "0", "1", "1", "0"));
        Assert.AreEqual("binary", Decide(temp, "true", "False", "TRUE"));
    }

    [TestMethod]
    public void Text_Or_FewWholeNumbers_AreMulticlass()
    {
        using var temp = new TempFiles();
        Assert.AreEqual("multiclass", Decide(temp, "cat", "dog", "cat"));
        Assert.AreEqual("multiclass", Decide(temp, "1", "2", "3", "2"));
        // Two values that are not 0/1 are two classes, not a binary label.
        Assert.AreEqual("multiclass", Decide(temp, "1", "2", "1"));
    }

    [TestMethod]
    public void Fractions_Or_ManyWholeNumbers_AreRegression()
    {
        using var temp = new TempFiles();
        Assert.AreEqual("regression", Decide(temp, "0.5", "1", "2"));
        string[] many = Enumerable.Range(0, SelectionTasks.MaxInferredClasses + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual("regression", Decide(temp, many));
        Assert.AreEqual("multiclass", Decide(temp, many[..SelectionTasks.MaxInferredClasses]));
    }

    [TestMethod]
    public void GivenTask_IsTaken_AsGiven()
    {
        (var task, string reason) = SelectionTasks.Decide("Regression", Tool.Wdbc, "Label");
        Assert.AreEqual("regression", task.Name);
        Assert.AreEqual("given by --task", reason);
    }
}
