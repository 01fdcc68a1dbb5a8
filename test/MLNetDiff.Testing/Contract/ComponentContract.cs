using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Testing.Quality;
#if MLND_ONNX
using MLNetDiff.Testing.Onnx;
#endif

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// The shared component contract (DESIGN.md, Conventions): one method per aspect, each asserting it for one
/// <see cref="ComponentContractCase"/>. Output schema, Evaluate, CrossValidate, PredictionEngine, save and load in a
/// separate process (our own types come back, outputs bit-identical), bad input rejected with a named error, corrupted
/// model files fail cleanly; and, when the case declares them, ONNX parity (<see cref="ComponentContractCase.Onnx"/>)
/// and quality against an ML.NET baseline (<see cref="ComponentContractCase.Quality"/>). A test project runs them with
/// one <c>[DynamicData]</c> one-liner per aspect over its registry of cases (docs/integration.md).
/// </summary>
public static class ComponentContract
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The fitted chain's output columns have the expected types, annotations and score kinds, before and
    /// after an in-process save and load, and the chain holds the component's own types.</summary>
    public static void OutputSchema_IsStandard_BeforeAndAfterReload(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        IDataView test = c.LoadTest(ml);
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        ContractChecks.CheckSchema(c, model.Transform(test).Schema, "fitted");

        using var stream = new MemoryStream();
        ml.Model.Save(model, test.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = new MLContext(seed: 2).Model.Load(stream, out _);
        ContractChecks.CheckSchema(c, loaded.GetOutputSchema(test.Schema), "reloaded");
        CollectionAssert.IsSubsetOf(c.OwnTypes.ToArray(), ContractChecks.Describe(model).Select(t => t.Type).ToArray(),
            $"{c.Name}: the fitted pipeline does not hold the component's own types");
    }

    /// <summary>The matching <c>mlContext.*.Evaluate</c> runs on scored test rows (the case asserts sane metrics).</summary>
    public static void Evaluate_Works(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        c.Evaluate(ml, model.Transform(c.LoadTest(ml)));
    }

    /// <summary>The matching <c>mlContext.*.CrossValidate</c> runs on the whole pipeline.</summary>
    public static void CrossValidate_Works(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        c.CrossValidate(ml, c.LoadTrain(ml));
    }

    /// <summary>A <c>PredictionEngine</c> gives what <c>Transform</c> gives, row by row.</summary>
    public static void PredictionEngine_MatchesTransform(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        c.CheckPredictionEngine(ml, model, c.LoadTest(ml));
    }

    /// <summary>Saved, then loaded and scored by the ModelHost in a fresh process: the same chain of types comes back,
    /// our own among them, and every expected column is bit-identical.</summary>
    public static void SaveThenLoadInSeparateProcess_GivesOwnTypesAndIdenticalOutputs(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        IDataView test = c.LoadTest(ml);
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        string dir = ContractChecks.NewTempDirectory();
        try
        {
            string modelPath = Path.Combine(dir, "model.zip"), inputPath = Path.Combine(dir, "input.idv");
            string outputPath = Path.Combine(dir, "output.idv");
            ml.Model.Save(model, test.Schema, modelPath);
            using (FileStream input = File.Create(inputPath))
                ml.Data.SaveAsBinary(test, input);

            ModelHostRunner.Result host = ModelHostRunner.Run(modelPath, inputPath, outputPath, LoadTimeout);
            Assert.AreEqual(0, host.ExitCode, $"{c.Name}: ModelHost failed: {host.StandardError}");

            // The loaded chain holds the same element types as the fitted one (our own types, not built-ins).
            string[] loadedTypes = host.Types.Where(t => t.Path.StartsWith("model[", StringComparison.Ordinal)).Select(t => t.Type).ToArray();
            string[] fittedTypes = ContractChecks.Describe(model).Where(t => t.Path.StartsWith("model[", StringComparison.Ordinal))
                .Select(t => c.LoadedType(t.Type)).ToArray();
            CollectionAssert.AreEqual(fittedTypes, loadedTypes, $"{c.Name}: types after load differ:\n{host.StandardOutput}");
            CollectionAssert.IsSubsetOf(c.OwnTypes.ToArray(), loadedTypes, $"{c.Name}: our types did not come back:\n{host.StandardOutput}");

            IDataView expected = model.Transform(test);
            IDataView actual = ml.Data.LoadFromBinary(outputPath);
            foreach (ExpectedColumn column in c.ExpectedColumns)
            {
                List<float[]> want = ColumnValues.Read(expected, column.Name), got = ColumnValues.Read(actual, column.Name);
                Assert.AreEqual(want.Count, got.Count, $"{c.Name}: row count of '{column.Name}'");
                for (int i = 0; i < want.Count; i++)
                    CollectionAssert.AreEqual(want[i], got[i], $"{c.Name}: '{column.Name}' differs at row {i} after load in a separate process");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every bad input of the case is rejected in its phase with the exception type and message parts it
    /// names; all failures are reported together.</summary>
    public static void BadInput_IsRejectedWithNamedError(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        IDataView train = c.PreprocessedTrain(ml);
        var failures = new List<string>();
        BadInput[] badInputs = c.BadInputs().ToArray();
        Assert.IsNotEmpty(badInputs, $"{c.Name} lists no bad inputs");
        foreach (BadInput bad in badInputs)
        {
            Exception? thrown = null;
            try
            {
                IDataView data = bad.MakeData(ml, train);
                if (bad.Phase == BadInputPhase.Fit)
                {
                    c.CreateComponent(ml).Fit(data);
                }
                else
                {
                    IDataView scored = c.CreateComponent(ml).Fit(train).Transform(data);
                    using DataViewRowCursor cursor = scored.GetRowCursor(scored.Schema);
                    while (cursor.MoveNext())
                        ContractChecks.ReadAll(cursor);
                }
            }
#pragma warning disable CA1031 // Every exception is inspected below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                thrown = ex;
            }
            string? problem = ContractChecks.CheckException(bad, thrown);
            if (problem is not null)
                failures.Add($"[{bad.Description}] {problem}");
        }
        Assert.IsEmpty(failures, $"{c.Name}:\n{string.Join('\n', failures)}");
    }

    /// <summary>A truncated model, an overwritten payload of ours and an overwritten payload tail fail to load with a
    /// clear error (ours names the saved model), in process and in a fresh process (exit code 1, not a crash).</summary>
    public static void CorruptedModelFile_FailsWithClearError(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ml = new MLContext(seed: 1);
        IDataView test = c.LoadTest(ml);
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        string dir = ContractChecks.NewTempDirectory();
        try
        {
            string good = Path.Combine(dir, "model.zip");
            ml.Model.Save(model, test.Schema, good);

            string truncated = Path.Combine(dir, "truncated.zip");
            ModelFiles.Truncate(good, truncated);
            ContractChecks.LoadMustFail(truncated, c.Name + " (truncated zip)", LoadTimeout);

            string wiped = Path.Combine(dir, "wiped.zip");
            Assert.IsNotEmpty(ModelFiles.CorruptOwnPayloads(good, wiped, tailBytes: 0), "no entry of ours in the model");
            ContractChecks.LoadMustFail(wiped, c.Name + " (payload overwritten)", LoadTimeout);

            // The payloads of our formats end with floating-point parameters: 0xFF bytes read back as NaN, which our
            // readers reject with an InvalidDataException naming the model and the field.
            string tail = Path.Combine(dir, "tail.zip");
            ModelFiles.CorruptOwnPayloads(good, tail, tailBytes: 8);
            Exception error = ContractChecks.LoadMustFail(tail, c.Name + " (payload tail overwritten)", LoadTimeout);
            Assert.IsTrue(ContractChecks.Chain(error).Any(e => e is InvalidDataException && e.Message.Contains("saved model '", StringComparison.Ordinal)),
                $"{c.Name}: expected our InvalidDataException in the chain, got {ContractChecks.Messages(error)}");

            using (FileStream input = File.Create(Path.Combine(dir, "input.idv")))
                ml.Data.SaveAsBinary(test, input);
            ModelHostRunner.Result host = ModelHostRunner.Run(tail, Path.Combine(dir, "input.idv"), Path.Combine(dir, "out.idv"), LoadTimeout);
            Assert.AreEqual(1, host.ExitCode, $"{c.Name}: ModelHost exit code; stderr: {host.StandardError}");
            StringAssert.Contains(host.StandardError, "saved model '");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The case's <see cref="ComponentContractCase.Onnx"/>: ML.NET's <c>ConvertToOnnx</c> of the fitted chain,
    /// run in ONNX Runtime on the test rows, matches <c>Transform</c> in every declared column.</summary>
    public static void OnnxExport_MatchesOnnxRuntime(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        OnnxExpectation onnx = c.Onnx ?? throw new ArgumentException($"{c.Name} declares no ONNX expectation.", nameof(c));
#if MLND_ONNX
        var ml = new MLContext(seed: 1);
        IDataView test = ml.Data.Cache(c.LoadTest(ml));
        ITransformer model = c.CreatePipeline(ml).Fit(c.LoadTrain(ml));
        byte[] exported = OnnxParity.Convert(ml, model, test);
        string[] compared = OnnxParity.AssertMatches(exported, test, model.Transform(test), onnx.Tolerance, onnx.Columns);
        CollectionAssert.AreEquivalent(onnx.Columns.ToArray(), compared, $"{c.Name}: compared ONNX outputs");
#else
        Assert.Inconclusive($"{c.Name}: ONNX parity ({string.Join(", ", onnx.Columns)}) needs Microsoft.ML.OnnxConverter, which requires ML.NET >= 6; this build is against ML.NET {typeof(MLContext).Assembly.GetName().Version}.");
#endif
    }

    /// <summary>The case's <see cref="ComponentContractCase.Quality"/>: the component and the ML.NET baseline, after the
    /// same preprocessing, cross-validated on the same folds of the training rows; ours is no worse than the
    /// baseline's by more than the case's margin. Returns the table row.</summary>
    public static QualityRow Quality_IsNoWorseThanBaseline(ComponentContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        QualityBaseline quality = c.Quality ?? throw new ArgumentException($"{c.Name} declares no quality baseline.", nameof(c));
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.Cache(c.LoadTrain(ml));
        QualityRow row = QualityComparison.OnFolds(ml, c.DataName, train,
            (c.Name, c.CreatePipeline(ml)), (quality.BaselineName, c.CreatePreprocessing(ml).Append(quality.CreateBaseline(ml))),
            quality.Metric, quality.Folds);
        row.AssertNoWorseThanBaseline(quality.Margin);
        return row;
    }
}
