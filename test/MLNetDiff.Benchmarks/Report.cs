using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace MLNetDiff.Benchmarks;

/// <summary>Turns BenchmarkDotNet summaries into the markdown tables of docs/benchmarks.md (medians).</summary>
internal static class Report
{
    public static string Build(IEnumerable<Summary> summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}. Medians.");
        sb.AppendLine();

        var peak = new Dictionary<int, double>();
        foreach (var r in reports.Where(r => Method(r) == nameof(FmaPeakBenchmarks.FmaPeak)))
        {
            int threads = (int)r.BenchmarkCase.Parameters["Threads"];
            peak[threads] = FmaPeakBenchmarks.FlopsPerThread * threads / Median(r);
        }
        if (peak.Count > 0)
        {
            sb.AppendLine("| FMA peak (12 zmm chains) | GFLOP/s |");
            sb.AppendLine("|---|---|");
            foreach (var (t, g) in peak.OrderBy(p => p.Key))
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {t} thread(s) | {g:F1} |");
            sb.AppendLine();
        }

        var gemm = reports.Where(r => Method(r) == nameof(GemmBenchmarks.Sgemm)).ToList();
        if (gemm.Count > 0)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"SGEMM, {threads} thread(s), GFLOP/s (fraction of the {threads}T FMA peak)");
                sb.AppendLine();
                sb.AppendLine("| shape | native | managed | OpenBLAS SkylakeX | native / OpenBLAS | managed / native |");
                sb.AppendLine("|---|---|---|---|---|---|");
                foreach (var shape in GemmShape.All())
                {
                    double G(GemmImplementation impl)
                    {
                        var r = gemm.FirstOrDefault(x => x.BenchmarkCase.Parameters["Shape"].ToString() == shape.Name
                            && (GemmImplementation)x.BenchmarkCase.Parameters["Implementation"] == impl
                            && (int)x.BenchmarkCase.Parameters["Threads"] == threads);
                        return r is null ? double.NaN : shape.Flops / Median(r);
                    }
                    double n = G(GemmImplementation.Native), m = G(GemmImplementation.Managed), o = G(GemmImplementation.OpenBlas);
                    if (double.IsNaN(n) && double.IsNaN(m) && double.IsNaN(o))
                        continue;
                    double p = peak.TryGetValue(threads, out double pk) ? pk : double.NaN;
                    sb.AppendLine(CultureInfo.InvariantCulture,
                        $"| {shape.Name} | {Cell(n, p)} | {Cell(m, p)} | {Cell(o, p)} | {n / o:F2} | {m / n:F2} |");
                }
                sb.AppendLine();
            }
        }

        var dispatch = reports.Where(r => r.BenchmarkCase.Descriptor.Type == typeof(DispatchBenchmarks)).ToList();
        if (dispatch.Count > 0)
        {
            sb.AppendLine("| dispatch (per call) | backend | ns |");
            sb.AppendLine("|---|---|---|");
            foreach (var r in dispatch)
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {Method(r)} | {r.BenchmarkCase.Parameters["Backend"]} | {Median(r):F1} |");
            sb.AppendLine();
        }

        var mlp = reports.Where(r => r.BenchmarkCase.Descriptor.Type == typeof(MlpTrainingBenchmarks)).ToList();
        if (mlp.Count > 0)
        {
            sb.AppendLine("| MLP 50-128-64-1 training | batch | threads | samples/s | GFLOP/s (75.1 kFLOP/sample) | fraction of FMA peak |");
            sb.AppendLine("|---|---|---|---|---|---|");
            foreach (var r in mlp)
            {
                int batch = (int)r.BenchmarkCase.Parameters["BatchSize"];
                int threads = (int)r.BenchmarkCase.Parameters["Threads"];
                string backend = r.BenchmarkCase.Parameters["Backend"].ToString()!;
                double samples = MlpTrainingBenchmarks.SamplesPerInvocation(batch) / (Median(r) * 1e-9);
                double gflops = samples * MlpTrainingBenchmarks.FlopsPerSample * 1e-9;
                double p = peak.TryGetValue(threads, out double pk) ? pk : double.NaN;
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {backend} | {batch} | {threads} | {samples / 1e6:F2}M | {gflops:F1} | {gflops / p:P0} |");
            }
            sb.AppendLine();
        }
        var scoring = reports.Where(r => r.BenchmarkCase.Descriptor.Type == typeof(ScoringBenchmarks)).ToDictionary(Method, Median);
        if (scoring.Count > 0)
        {
            double T(string m) => scoring.TryGetValue(m, out double v) ? v : double.NaN;
            double ours = T(nameof(ScoringBenchmarks.TransformAnyLossLinear)), lr = T(nameof(ScoringBenchmarks.TransformLbfgsLogisticRegression));
            double oursPe = T(nameof(ScoringBenchmarks.PredictionEngineAnyLossLinear)), lrPe = T(nameof(ScoringBenchmarks.PredictionEngineLbfgsLogisticRegression));
            sb.AppendLine("| scoring, linear model, 50 features | AnyLoss | LbfgsLogisticRegression | speed ratio (LR time / AnyLoss time) | latency ratio (AnyLoss / LR) |");
            sb.AppendLine("|---|---|---|---|---|");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| Transform, {ScoringBenchmarks.Rows / 1e6:F0}M rows (ms) | {ours / 1e6:F1} | {lr / 1e6:F1} | {lr / ours:F2} | |");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| PredictionEngine, one row (µs) | {oursPe / 1e3:F2} | {lrPe / 1e3:F2} | | {oursPe / lrPe:F2} |");
            sb.AppendLine();
        }
        var onnx = reports.Where(r => r.BenchmarkCase.Descriptor.Type == typeof(OnnxScoringBenchmarks)).ToDictionary(Method, Median);
        if (onnx.Count > 0)
        {
            double mlnet = onnx.TryGetValue(nameof(OnnxScoringBenchmarks.MlNetTransform), out double m) ? m : double.NaN;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| batch scoring, AnyLoss MLP {OnnxScoringBenchmarks.FeatureCount}-{OnnxScoringBenchmarks.Hidden}-1, {OnnxScoringBenchmarks.Rows / 1e3:F0}k rows | ms | rows/s | speed ratio (ML.NET time / this) |");
            sb.AppendLine("|---|---|---|---|");
            (string Method, string Label)[] cases =
            [
                (nameof(OnnxScoringBenchmarks.MlNetTransform), "ML.NET Transform (cached IDataView, cursor on Score)"),
                (nameof(OnnxScoringBenchmarks.OnnxRuntime), "ONNX Runtime, default intra-op threads (one [N, 50] tensor)"),
                (nameof(OnnxScoringBenchmarks.OnnxRuntimeOneThread), "ONNX Runtime, 1 thread"),
                (nameof(OnnxScoringBenchmarks.OnnxRuntimeFromDataView), "ONNX Runtime, default threads, fed from the cached IDataView"),
            ];
            foreach (var (method, label) in cases)
            {
                if (!onnx.TryGetValue(method, out double ns))
                    continue;
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {label} | {ns / 1e6:F2} | {OnnxScoringBenchmarks.Rows / (ns * 1e-9) / 1e6:F2}M | {mlnet / ns:F2} |");
            }
            sb.AppendLine();
        }
        var selection = reports.Where(r => r.BenchmarkCase.Descriptor.Type == typeof(FeatureSelectionBenchmarks)).ToList();
        if (selection.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| selection fit, N = {FeatureSelectionBenchmarks.Rows:N0}, D | GFS (s) | MI, k = {FeatureSelectionBenchmarks.MutualInformationSlots} (s) | GFS / MI (target ≤ 3 at D = 10,000) |");
            sb.AppendLine("|---|---|---|---|");
            foreach (int d in selection.Select(r => (int)r.BenchmarkCase.Parameters["Features"]).Distinct().Order())
            {
                double T(string m) => selection.Where(r => Method(r) == m && (int)r.BenchmarkCase.Parameters["Features"] == d)
                    .Select(Median).DefaultIfEmpty(double.NaN).First();
                double gfs = T(nameof(FeatureSelectionBenchmarks.GumbelFit)), mi = T(nameof(FeatureSelectionBenchmarks.MutualInformationFit));
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {d:N0} | {gfs / 1e9:F2} | {mi / 1e9:F2} | {gfs / mi:F1} |");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Method(BenchmarkReport r) => r.BenchmarkCase.Descriptor.WorkloadMethod.Name;

    private static double Median(BenchmarkReport r) => r.ResultStatistics!.Median;

    private static string Cell(double gflops, double peak) => double.IsNaN(gflops) ? "-"
        : double.IsNaN(peak) ? gflops.ToString("F1", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{gflops:F1} ({gflops / peak:P0})");
}
