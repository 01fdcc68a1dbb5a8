using System;
using System.Diagnostics;
using System.IO;
using MLNetDiff.Cli.Tests.Helpers;

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
        Assert.IsTrue(File.Exists(CliPath), $"the tool is not next to the tests: {CliPath}");
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["MLNETDIFF_NATIVE_PATH"] = nativePath;
        start.Environment.Remove("MLNETDIFF_BACKEND");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the tool");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the tool did not finish within 2 minutes (hang)");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    // The dotnet host running this test (DOTNET_HOST_PATH is set by the SDK), else "dotnet" on the PATH.
    private static string DotnetPath()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        string? main = Environment.ProcessPath;
        if (main is not null && Path.GetFileNameWithoutExtension(main) == "dotnet")
            return main;
        return "dotnet";
    }
}
