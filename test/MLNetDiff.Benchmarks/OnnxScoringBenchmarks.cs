using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MLNetDiff.Classification;

namespace MLNetDiff.Benchmarks;

/// <summary>
/// Batch scoring of an exported AnyLoss MLP (50 features, hidden [32], Platt calibrator) in ONNX Runtime against the same
/// model in ML.NET: <c>Transform</c> over <see cref="Rows"/> cached rows read through a cursor (Score), against one
/// <see cref="InferenceSession"/> (CPU provider, ORT_ENABLE_ALL) running the same rows as one [N, 50] float tensor into a
/// reused [N, 1] Score buffer (OrtValues over pinned managed arrays: no copies), with ONNX Runtime's default intra-op
/// threads and with one thread; and ONNX Runtime fed from the cached IDataView (cursor copy into the reused buffer, then
/// the run), the cost of scoring an IDataView end to end.
/// </summary>
[MemoryDiagnoser]
public class OnnxScoringBenchmarks : IDisposable
{
    public const int Rows = 100_000;
    public const int FeatureCount = 50;
    public const int Hidden = 32;

    private IDataView _data = null!;
    private BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>> _model = null!;
    private float[] _features = null!;
    private float[] _scores = null!;
    private OrtValue _input = null!;
    private OrtValue _output = null!;
    private InferenceSession _session = null!;
    private InferenceSession _sessionOneThread = null!;
    private RunOptions _runOptions = null!;
    private readonly string[] _inputNames = ["Features"];
    // ML.NET's converter names each output after its column with ".output".
    private readonly string[] _outputNames = ["Score.output"];

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(1);
        _data = ml.Data.Cache(ml.Data.LoadFromEnumerable(Generate(Rows, seed: 1)));
        IDataView train = ml.Data.LoadFromEnumerable(Generate(20_000, seed: 2));
        _model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { HiddenLayerSizes = [Hidden], NumberOfEpochs = 5 }).Fit(train);

        byte[] onnx;
        using (var stream = new MemoryStream())
        {
            ml.Model.ExportToOnnx(_model, _data, stream);
            onnx = stream.ToArray();
        }
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL })
            _session = new InferenceSession(onnx, options);
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1, InterOpNumThreads = 1 })
            _sessionOneThread = new InferenceSession(onnx, options);
        _runOptions = new RunOptions();

        _features = new float[Rows * FeatureCount];
        _scores = new float[Rows];
        _input = OrtValue.CreateTensorValueFromMemory(_features, [Rows, FeatureCount]);
        _output = OrtValue.CreateTensorValueFromMemory(_scores, [Rows, 1]);
        CopyFeatures();   // also fills the cache

        // The two runtimes must agree before their speeds mean anything (the exporter's 1e-5 tolerance).
        OnnxRuntime();
        float[] expected = new float[Rows];
        int n = 0;
        IDataView scored = _model.Transform(_data);
        using (DataViewRowCursor cursor = scored.GetRowCursor([scored.Schema["Score"]]))
        {
            ValueGetter<float> get = cursor.GetGetter<float>(scored.Schema["Score"]);
            while (cursor.MoveNext())
                get(ref expected[n++]);
        }
        for (int i = 0; i < Rows; i++)
        {
            if (!(Math.Abs(_scores[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i]))))
                throw new InvalidOperationException($"row {i}: ML.NET {expected[i]}, ONNX Runtime {_scores[i]}");
        }

        // Tiered JIT needs ~0.5 s of calls before the cursor path is optimised (docs/benchmarks.md).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 1000)
        {
            _ = MlNetTransform();
            _ = OnnxRuntimeFromDataView();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _input?.Dispose();
        _output?.Dispose();
        _session?.Dispose();
        _sessionOneThread?.Dispose();
        _runOptions?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public double MlNetTransform()
    {
        IDataView scored = _model.Transform(_data);
        DataViewSchema.Column score = scored.Schema["Score"];
        double sum = 0;
        using DataViewRowCursor cursor = scored.GetRowCursor([score]);
        ValueGetter<float> getScore = cursor.GetGetter<float>(score);
        float s = 0;
        while (cursor.MoveNext())
        {
            getScore(ref s);
            sum += s;
        }
        return sum;
    }

    [Benchmark]
    public float OnnxRuntime()
    {
        _session.Run(_runOptions, _inputNames, [_input], _outputNames, [_output]);
        return _scores[Rows - 1];
    }

    [Benchmark]
    public float OnnxRuntimeOneThread()
    {
        _sessionOneThread.Run(_runOptions, _inputNames, [_input], _outputNames, [_output]);
        return _scores[Rows - 1];
    }

    [Benchmark]
    public float OnnxRuntimeFromDataView()
    {
        CopyFeatures();
        return OnnxRuntime();
    }

    /// <summary>Reads the cached Features column into the reused input buffer.</summary>
    private void CopyFeatures()
    {
        DataViewSchema.Column features = _data.Schema["Features"];
        using DataViewRowCursor cursor = _data.GetRowCursor([features]);
        ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> buffer = default;
        int offset = 0;
        while (cursor.MoveNext())
        {
            get(ref buffer);
            buffer.CopyTo(_features.AsSpan(offset, FeatureCount));
            offset += FeatureCount;
        }
    }

    private static List<ScoringBenchmarks.ScoringRow> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var list = new List<ScoringBenchmarks.ScoringRow>(rows);
        for (int i = 0; i < rows; i++)
        {
            var x = new float[FeatureCount];
            float s = 0;
            for (int j = 0; j < FeatureCount; j++)
            {
                x[j] = (float)(random.NextDouble() * 2 - 1);
                s += (j % 5 - 2) * x[j];
            }
            list.Add(new ScoringBenchmarks.ScoringRow { Label = s + 0.5 * (random.NextDouble() - 0.5) > 1.5, Features = x });
        }
        return list;
    }
}
