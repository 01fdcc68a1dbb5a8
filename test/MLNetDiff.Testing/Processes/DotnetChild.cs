using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace MLNetDiff.Testing.Processes;

/// <summary>Runs a .NET program (a dll next to the test assembly) in a child process under the same dotnet host: for
/// what one process can see only once (a fresh-process model reload, a native library that loads once).</summary>
public static class DotnetChild
{
    /// <summary>Exit code and captured output of a child run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs <c>dotnet <paramref name="dllPath"/> args…</c>; kills the process tree and fails the test after
    /// <paramref name="timeout"/> (a hang). <paramref name="environment"/> sets variables (null removes one).</summary>
    public static Result Run(string dllPath, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        Assert.IsTrue(File.Exists(dllPath), $"not found: {dllPath}");
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dllPath}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(dllPath)} did not finish within {timeout} (hang)");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
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
