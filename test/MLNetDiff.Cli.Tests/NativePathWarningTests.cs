using System;
using System.Collections.Generic;
using System.IO;
using MLNetDiff.Cli.Tests.Helpers;
using MLNetDiff.Testing.Processes;

namespace MLNetDiff.Cli.Tests;

/// <summary>A mistyped MLNETDIFF_NATIVE_PATH is said, not silent: the tool still runs (managed backend) and warns on
/// stderr, naming the variable and the path. The native library loads once per process, so the tool runs in a child
/// process (dotnet MLNetDiff.Cli.dll, next to this test assembly) with the variable set.</summary>
[TestClass]
public sealed class NativePathWarningTests
{
    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "MLNetDiff.Cli.dll");

    [TestMethod]
    public void MissingFile_WarnsAndTrainsOnTheManagedBackend()
    {
        using var temp = new TempFiles();
        string missing = temp.PathOf("no-such-libmlnetdiff.so");
        CliResult r = RunChild(missing, "train", "anyloss", "--data", Tool.Wdbc, "--label", "Label", "--epochs", "2",
            "--out", temp.PathOf("m.zip"));
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.HasCount(1, r.ErrorLines, r.ToString());
        Assert.StartsWith("mlnetdiff: warning: MLNETDIFF_NATIVE_PATH is set, but the native kernel backend is unavailable", r.ErrorLines[0]);
        Assert.Contains(missing, r.ErrorLines[0]);
        Assert.Contains("using the managed backend", r.ErrorLines[0]);
        Assert.IsTrue(File.Exists(temp.PathOf("m.zip")), r.ToString());
    }

    [TestMethod]
    public void UsableFile_GivesNoWarning()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "libmlnetdiff.so");
        if (!File.Exists(library))
            Assert.Inconclusive($"No native library next to the tests ({library}): built with -p:SkipNative=true");
        using var temp = new TempFiles();
        CliResult r = RunChild(library, "train", "anyloss", "--data", Tool.Wdbc, "--label", "Label", "--epochs", "2",
            "--out", temp.PathOf("m.zip"));
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.AreEqual(string.Empty, r.Error, r.ToString());
    }

    private static CliResult RunChild(string nativePath, params string[] args)
    {
        DotnetChild.Result r = DotnetChild.Run(CliPath, args, TimeSpan.FromMinutes(2),
            new Dictionary<string, string?> { ["MLNETDIFF_NATIVE_PATH"] = nativePath, ["MLNETDIFF_BACKEND"] = null });
        return new CliResult(r.ExitCode, r.StandardOutput, r.StandardError);
    }
}
