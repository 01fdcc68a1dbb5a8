using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MLNetDiff.Testing.Processes;

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
        DotnetChild.Result r = DotnetChild.Run(HostPath, [modelPath, inputPath, outputPath], timeout);
        return new Result(r.ExitCode, r.StandardOutput, r.StandardError);
    }
}
