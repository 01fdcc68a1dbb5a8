using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Cli.Data;
using MLNetDiff.Cli.Onnx;
using MLNetDiff.Cli.Output;

namespace MLNetDiff.Cli.Commands;

/// <summary><c>mlnetdiff export</c>: writes a saved ML.NET model as an ONNX model and, with <c>--verify</c>, checks ONNX
/// Runtime's outputs against ML.NET's on the sample rows.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> model = new("--model", "-m")
        {
            Description = "ML.NET model file (.zip): from 'mlnetdiff train' or any ML.NET pipeline whose steps ML.NET's ONNX converter can save (docs/onnx.md).",
            Required = true,
            HelpName = "model.zip",
        };
        Option<string> sample = new("--sample")
        {
            Description = "CSV file in the model's input: its header names the feature columns (a label column, if present, is left out). " +
                "Gives the input schema of the export and the rows --verify scores.",
            Required = true,
            HelpName = "data.csv",
        };
        Option<string> label = CliOptions.Label();
        label.Description = "Name of the sample's label column, left out of the inputs (the sample may have none).";
        Option<string> output = new("--out", "-o")
        {
            Description = "ONNX model file to write (overwritten; never the --model or --sample file).",
            Required = true,
            HelpName = "model.onnx",
        };
        Option<bool> verify = new("--verify")
        {
            Description = "Run the ONNX model in ONNX Runtime (CPU, all graph optimisations) on the sample rows and compare every output " +
                "with ML.NET's column of the same name: |onnx − ml.net| ≤ 1e-5·(1 + |ml.net|), Boolean and key outputs exactly. Exit code 1 on any difference.",
        };
        Option<bool> json = CliOptions.Json();
        var command = new Command("export",
            "Export a saved ML.NET model to ONNX. Graph inputs are the sample's columns the pipeline reads ([N, width] tensors); " +
            "outputs are the columns it writes, named as ML.NET's converter names them (Score.output, Probability.output, PredictedLabel.output, …).");
        foreach (Option option in new Option[] { model, sample, label, output, verify, json })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue<bool>("--verbose"), () => Execute(console,
            parse.GetValue(model)!, parse.GetValue(sample)!, parse.GetValue(label)!, parse.GetValue(output)!,
            parse.GetValue(verify), parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliConsole console, string modelPath, string samplePath, string labelColumn, string onnxPath,
        bool verify, bool json)
    {
        CheckOutputPath(onnxPath, modelPath, samplePath);
        var ml = new MLContext(seed: 0);
        ITransformer model = ModelFile.Load(ml, modelPath, out DataViewSchema inputSchema);
        SampleData sample = SampleData.Read(ml, samplePath, labelColumn, inputSchema);

        byte[] onnx;
        try
        {
            using var stream = new MemoryStream();
            ml.Model.ExportToOnnx(model, sample.View, stream);
            onnx = stream.ToArray();
        }
        catch (NotSupportedException e)
        {
            // ExportToOnnx names the step by position and short type name (not a 300-character FullName).
            throw new CliException($"Cannot export '{modelPath}': {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException($"Cannot export '{modelPath}' with the columns of '{sample.Name}': {e.Message}", e);
        }
        try
        {
            File.WriteAllBytes(onnxPath, onnx);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the ONNX file '{onnxPath}': {e.Message}", e);
        }

        (string[] inputs, string[] outputs) = GraphNames(onnx);
        VerificationResult? verification = verify ? OnnxVerifier.Verify(onnx, model, sample) : null;
        var result = new ExportResult(modelPath, sample.Name, onnxPath, onnx.Length, sample.Rows, inputs, outputs, verification);
        ExportReport.Write(console, result, json);
        if (verification is { Passed: false })
        {
            string[] failed = verification.Outputs.Where(o => !o.WithinTolerance).Select(o => o.Name).ToArray();
            console.WriteError($"ONNX Runtime differs from ML.NET on '{sample.Name}': " +
                (failed.Length > 0 ? $"outputs beyond tolerance: {string.Join(", ", failed)}; " : string.Empty) +
                $"{verification.LabelMismatches} label mismatch(es).");
            return Program.InputErrorExitCode;
        }
        return 0;
    }

    /// <summary>The graph's input and output names, as ONNX Runtime reads them.</summary>
    private static (string[] Inputs, string[] Outputs) GraphNames(byte[] onnx)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        return (session.InputMetadata.Keys.ToArray(), session.OutputMetadata.Keys.ToArray());
    }

    private static void CheckOutputPath(string path, string modelPath, string samplePath)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException("--out must name the ONNX file to write.");
        // Writing over an input would destroy it (export --model m.zip --out m.zip replaced the model).
        foreach ((string option, string input) in new[] { ("--model", modelPath), ("--sample", samplePath) })
        {
            if (SamePath(path, input))
                throw new CliException($"--out '{path}' is the {option} file; give the ONNX model its own file name (e.g. model.onnx).");
        }
        if (Directory.Exists(path))
            throw new CliException($"--out '{path}' is a directory; give the ONNX file name (e.g. model.onnx).");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new CliException($"Cannot write the ONNX file '{path}': folder '{directory}' does not exist.");
    }

    /// <summary>True when both name the same file (full paths, symbolic links followed; case-insensitive where the file
    /// system usually is).</summary>
    private static bool SamePath(string a, string b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
            return false;
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Resolve(a), Resolve(b), comparison);
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target
                ? Path.GetFullPath(target.FullName) : full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
