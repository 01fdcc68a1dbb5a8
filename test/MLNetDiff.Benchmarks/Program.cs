using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MLNetDiff.Kernels;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// Runs the benchmarks in-process (so OPENBLAS_CORETYPE, set here before OpenBLAS loads, applies, and our native
/// library is found next to this program) and writes a markdown report with GFLOP/s, ratios and fractions of the
/// FMA peak measured in the same run. Usage: <c>dotnet run -c Release --project test/MLNetDiff.Benchmarks -- [--filter *Gemm*] [--quick]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // OpenBLAS misdetects Zen 5 as Haswell; force its AVX-512 kernels (perf-anchors.md §2).
        OpenBlas.ForceCoreType("SkylakeX");
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        bool quick = args.Contains("--quick");
        args = args.Where(a => a != "--quick").ToArray();

        // 140 cases must fit a working session: 150 ms iterations, medians of 9 (5 with --quick).
        Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithWarmupCount(quick ? 1 : 3).WithIterationCount(quick ? 5 : 9).WithLaunchCount(1);
        IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);

        Console.WriteLine($"Kernel backends: native = {(KernelBackends.Native?.Description ?? "unavailable: " + KernelBackends.NativeUnavailableReason)}; managed = {KernelBackends.Managed.Description}");
        Console.WriteLine($"OpenBLAS: {(OpenBlas.IsAvailable ? OpenBlas.CoreName : "not installed (build/bench-setup.sh)")}");

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
        string report = Report.Build(summaries);
        string path = Path.Combine("BenchmarkDotNet.Artifacts", "results", "mlnetdiff-report.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report);
        Console.WriteLine(report);
        Console.WriteLine($"Report written to {Path.GetFullPath(path)}");
        return 0;
    }
}
