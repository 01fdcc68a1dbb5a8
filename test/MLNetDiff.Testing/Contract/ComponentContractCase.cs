using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Testing.Quality;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// One component under the shared contract (<see cref="ComponentContract"/>). A case says how to load real
/// training and test data (CSV under test/data, read by a <see cref="TextLoader"/>), which built-in preprocessing
/// comes first, the component's estimator, the output columns it must produce, how to evaluate and cross-validate
/// it, how to check a <c>PredictionEngine</c>, which bad inputs it must reject, and optionally its ONNX parity
/// (<see cref="Onnx"/>) and its quality bar against an ML.NET baseline (<see cref="Quality"/>). The contract fits
/// <c>Preprocessing.Append(Component)</c>; that fitted chain is what is saved and reloaded in a separate process.
/// </summary>
/// <remarks>To add a component: subclass this in the test project's Contract/Cases/ and list it in its registry of
/// cases (docs/integration.md, "A new component"); every aspect of <see cref="ComponentContract"/> then runs for it.</remarks>
public abstract class ComponentContractCase
{
    /// <summary>Unique display name, e.g. "Clustering (FixtureCentroids)".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Type names (as the ModelHost prints them: namespace and generic arguments) that must appear among the loaded
    /// model's types in a fresh process, e.g. the prediction transformer and its model parameters.
    /// </summary>
    public abstract IReadOnlyList<string> OwnTypes { get; }

    /// <summary>The output columns of the fitted chain that the contract checks and compares across processes.</summary>
    public abstract IReadOnlyList<ExpectedColumn> ExpectedColumns { get; }

    /// <summary>Training CSV, relative to the test data folder (e.g. "iris/iris.csv").</summary>
    protected abstract string TrainCsv { get; }

    /// <summary>The data's name for tables: the training CSV's file name without extension.</summary>
    public string DataName => Path.GetFileNameWithoutExtension(TrainCsv);

    /// <summary>Test CSV; by default a 30% split of <see cref="TrainCsv"/> (see <see cref="LoadTrain"/>).</summary>
    protected virtual string? TestCsv => null;

    /// <summary>Columns of the CSV as the loader reads them.</summary>
    protected abstract TextLoader.Column[] LoaderColumns { get; }

    /// <summary>Built-in estimators before the component (may be empty).</summary>
    public abstract EstimatorChain<ITransformer> CreatePreprocessing(MLContext ml);

    /// <summary>The component under test.</summary>
    public abstract IEstimator<ITransformer> CreateComponent(MLContext ml);

    /// <summary>Runs the matching <c>mlContext.*.Evaluate</c> on scored test data and asserts sane metrics.</summary>
    public abstract void Evaluate(MLContext ml, IDataView scored);

    /// <summary>Runs the matching <c>mlContext.*.CrossValidate</c> of the whole pipeline on raw training data.</summary>
    public abstract void CrossValidate(MLContext ml, IDataView trainRaw);

    /// <summary>Scores raw test rows one by one through a <c>PredictionEngine</c> and compares with <c>Transform</c>.</summary>
    public abstract void CheckPredictionEngine(MLContext ml, ITransformer model, IDataView testRaw);

    /// <summary>The bad inputs the component must reject; see <see cref="FeatureBadInputs"/>.</summary>
    public abstract IEnumerable<BadInput> BadInputs();

    /// <summary>What ONNX export must give (ML.NET's <c>ConvertToOnnx</c> of the fitted chain, run in ONNX Runtime on
    /// the test rows), or null when the component does not export to ONNX.</summary>
    public virtual OnnxExpectation? Onnx => null;

    /// <summary>The component's quality bar against an ML.NET baseline on this case's data, or null for none.</summary>
    public virtual QualityBaseline? Quality => null;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// The type a fitted chain element comes back as after <c>Model.Load</c>; the same type unless ML.NET's loader
    /// registers the element under a different generic instantiation (e.g. a clustering transformer over a base type).
    /// </summary>
    public virtual string LoadedType(string fittedType) => fittedType;

    /// <summary>The whole pipeline: preprocessing, then the component.</summary>
    public IEstimator<ITransformer> CreatePipeline(MLContext ml) => CreatePreprocessing(ml).Append(CreateComponent(ml));

    /// <summary>Raw training data (a deterministic 70% split when there is no separate test file).</summary>
    public IDataView LoadTrain(MLContext ml) => TestCsv is null ? Split(ml).TrainSet : LoadCsv(ml, TrainCsv);

    /// <summary>Raw test data.</summary>
    public IDataView LoadTest(MLContext ml) => TestCsv is null ? Split(ml).TestSet : LoadCsv(ml, TestCsv);

    /// <summary>Preprocessed training data (the component's input).</summary>
    public IDataView PreprocessedTrain(MLContext ml)
    {
        IDataView raw = LoadTrain(ml);
        return CreatePreprocessing(ml).Fit(raw).Transform(raw);
    }

    /// <summary>Absolute path of a file under the test data folder.</summary>
    public static string DataPath(string relative) => Path.Combine(AppContext.BaseDirectory, "data", relative);

    /// <summary>Loads <paramref name="relative"/> with <see cref="LoaderColumns"/>.</summary>
    protected IDataView LoadCsv(MLContext ml, string relative)
        => ml.Data.LoadFromTextFile(DataPath(relative), LoaderColumns, separatorChar: ',', hasHeader: true);

    /// <summary>
    /// The training CSV with the first value of column <paramref name="csvColumn"/> of the first data row replaced by
    /// "NaN", loaded and preprocessed (the file is written to a temporary path).
    /// </summary>
    protected IDataView PreprocessedTrainWithNaN(MLContext ml, int csvColumn)
    {
        string[] lines = File.ReadAllLines(DataPath(TrainCsv));
        string[] cells = lines[1].Split(',');
        cells[csvColumn] = "NaN";
        lines[1] = string.Join(',', cells);
        string path = Path.Combine(Path.GetTempPath(), $"mlnd-nan-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        IDataView raw = ml.Data.LoadFromTextFile(path, LoaderColumns, separatorChar: ',', hasHeader: true);
        // Materialize before deleting the file: the loader reads lazily.
        IDataView cached = ml.Data.Cache(CreatePreprocessing(ml).Fit(raw).Transform(raw));
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext())
            {
            }
        }
        File.Delete(path);
        return cached;
    }

    /// <summary>
    /// The standard bad inputs of a component that reads a known-size Single vector column
    /// <paramref name="column"/>: missing, a Double vector, a scalar (copied from the Single column
    /// <paramref name="scalarColumn"/>), a NaN value (CSV column <paramref name="nanCsvColumn"/>), no rows, and a
    /// vector of the wrong size at scoring time. <paramref name="role"/> is the column's role in the messages
    /// ("feature", "input"). Trainers (<paramref name="scoredByPredictionTransformer"/>) are scored by ML.NET's own
    /// prediction transformer, whose size check says "Incompatible features column type" with both types but not
    /// the column name.
    /// </summary>
    protected IEnumerable<BadInput> FeatureBadInputs(string column, string role, string scalarColumn, int nanCsvColumn,
        int size, bool scoredByPredictionTransformer)
    {
        string named = $"{role} column '{column}'";
        yield return new BadInput($"missing {role} column", BadInputPhase.Fit,
            (ml, data) => ml.Transforms.DropColumns(column).Fit(data).Transform(data),
            typeof(ArgumentOutOfRangeException), [named, "Could not find"]);
        yield return new BadInput($"{role} column of Double", BadInputPhase.Fit,
            (ml, data) => ml.Transforms.Conversion.ConvertType(column, outputKind: DataKind.Double).Fit(data).Transform(data),
            typeof(ArgumentOutOfRangeException), [named, "expected", "Vector<Single>", "got Vector<Double"]);
        yield return new BadInput($"scalar {role} column", BadInputPhase.Fit,
            (ml, data) =>
            {
                IDataView dropped = ml.Transforms.DropColumns(column).Fit(data).Transform(data);
                return ml.Transforms.CopyColumns(column, scalarColumn).Fit(dropped).Transform(dropped);
            },
            typeof(ArgumentOutOfRangeException), [named, "expected", "Vector<Single>", "got Single"]);
        yield return new BadInput($"NaN in the {role} column", BadInputPhase.Fit,
            (ml, _) => PreprocessedTrainWithNaN(ml, nanCsvColumn),
            typeof(InvalidOperationException), [$"{named} at row 0", "NaN", "finite"]);
        yield return new BadInput("no rows", BadInputPhase.Fit,
            (ml, data) => NoRows(ml, data, scalarColumn),
            typeof(InvalidOperationException), ["no rows", named]);
        yield return scoredByPredictionTransformer
            ? new BadInput($"{role} vector of the wrong size when scoring", BadInputPhase.Score,
                (ml, data) => ml.Transforms.Concatenate(column, column, column).Fit(data).Transform(data),
                typeof(InvalidOperationException), ["Incompatible features column type", $"Vector<Single, {2 * size}>", $"Vector<Single, {size}>"])
            : new BadInput($"{role} vector of the wrong size when scoring", BadInputPhase.Score,
                (ml, data) => ml.Transforms.Concatenate(column, column, column).Fit(data).Transform(data),
                typeof(ArgumentOutOfRangeException), [named, $"Vector<Single, {size}>", $"got Vector<Single, {2 * size}>"]);
    }

    /// <summary><paramref name="data"/> with every row filtered out (on the Single column <paramref name="singleColumn"/>).</summary>
    protected static IDataView NoRows(MLContext ml, IDataView data, string singleColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Data.FilterRowsByColumn(data, singleColumn, lowerBound: 1e30, upperBound: 2e30);
    }

    /// <summary>
    /// Scores up to <paramref name="rows"/> raw test rows with a <c>PredictionEngine</c> and asserts that
    /// <paramref name="values"/> of each prediction equals (bit for bit) the same values from <c>Transform</c>.
    /// </summary>
    protected static void ComparePredictionEngine<TIn, TOut>(MLContext ml, ITransformer model, IDataView testRaw,
        Func<TOut, float[]> values, int rows = 25)
        where TIn : class, new()
        where TOut : class, new()
    {
        ArgumentNullException.ThrowIfNull(ml);
        var engine = ml.Model.CreatePredictionEngine<TIn, TOut>(model);
        TIn[] inputs = ml.Data.CreateEnumerable<TIn>(testRaw, reuseRowObject: false).Take(rows).ToArray();
        TOut[] batch = ml.Data.CreateEnumerable<TOut>(model.Transform(testRaw), reuseRowObject: false).Take(rows).ToArray();
        Assert.AreEqual(inputs.Length, batch.Length);
        Assert.IsTrue(inputs.Length > 0, "no test rows");
        for (int i = 0; i < inputs.Length; i++)
        {
            float[] single = values(engine.Predict(inputs[i]));
            float[] expected = values(batch[i]);
            CollectionAssert.AreEqual(expected, single, $"row {i}: PredictionEngine differs from Transform");
        }
    }

    private DataOperationsCatalog.TrainTestData Split(MLContext ml)
        => ml.Data.TrainTestSplit(LoadCsv(ml, TrainCsv), testFraction: 0.3, seed: 7);
}
