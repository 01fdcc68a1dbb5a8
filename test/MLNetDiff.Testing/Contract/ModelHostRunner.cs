using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// Runs test/MLNetDiff.ModelHost in a separate process: <c>dotnet MLNetDiff.ModelHost.dll model input output</c>.
/// The test project references the host project, so its dll and runtimeconfig sit next to the test assembly.
/// </summary>
public static class ModelHostRunner
{
    /// <summary>What the host did.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>The "TYPE path type" lines, as (path, type).</summary>
        public IReadOnlyList<(string Path, string Type)> Types => StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 3 && p[0] == "TYPE")
            .Select(p => (p[1], p[2]))
            .ToArray();
    }

    /// <summary>Path of the host dll next to the test assembly.</summary>
    public static string HostPath => Path.Combine(AppContext.BaseDirectory, "MLNetDiff.ModelHost.dll");

    /// <summary>Runs the host; kills it and fails after <paramref name="timeout"/>.</summary>
    public static Result Run(string modelPath, string inputPath, string outputPath, TimeSpan timeout)
    {
        Assert.IsTrue(File.Exists(HostPath), $"ModelHost not found at {HostPath}");
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { HostPath, modelPath, inputPath, outputPath })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the ModelHost");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ModelHost did not finish within {timeout} (hang) for {modelPath}");
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
