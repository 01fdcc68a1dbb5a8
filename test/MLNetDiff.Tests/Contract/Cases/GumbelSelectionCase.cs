using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Tests.Contract.Cases;

/// <summary>Transform kind, a learned selector: GFSNetwork (<see cref="GumbelFeatureSelectionTransformer"/>) on
/// breast_cancer_wdbc, writing the kept slots to a new column "Selected".</summary>
/// <remarks>The contract names the output type before fitting, so the case pins the count with the caps (5 kept, the top
/// five by logit); the learned count itself is tested in test/MLNetDiff.Tests/FeatureSelection.</remarks>
public sealed class GumbelSelectionCase : ComponentContractCase
{
    /// <summary>Features kept (both caps).</summary>
    public const int Kept = 5;

    /// <inheritdoc/>
    public override string Name => "Transform (GumbelFeatureSelection)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnTypes => ["MLNetDiff.FeatureSelection.GumbelFeatureSelectionTransformer"];

    /// <inheritdoc/>
    public override IReadOnlyList<ExpectedColumn> ExpectedColumns =>
    [
        new("Selected", $"Vector<Single, {Kept}>", ["SlotNames"]),
    ];

    /// <inheritdoc/>
    protected override string TrainCsv => WdbcData.Csv;

    /// <inheritdoc/>
    protected override TextLoader.Column[] LoaderColumns => WdbcData.Columns;

    /// <inheritdoc/>
    public override EstimatorChain<ITransformer> CreatePreprocessing(MLContext ml) => new();

    /// <inheritdoc/>
    public override IEstimator<ITransformer> CreateComponent(MLContext ml)
        => ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            OutputColumnName = "Selected",
            InputColumnName = "Features",
            Seed = 1,
            NumberOfEpochs = 60,
            MinimumFeatureCount = Kept,
            MaximumFeatureCount = Kept,
        });

    /// <inheritdoc/>
    public override void Evaluate(MLContext ml, IDataView scored)
    {
        // A selector has no evaluator of its own: the kept slots are input slots, and a built-in trainer on them alone
        // still separates the classes.
        float[][] all = scored.GetColumn<float[]>("Features").ToArray();
        float[][] kept = scored.GetColumn<float[]>("Selected").ToArray();
        for (int j = 0; j < Kept; j++)
        {
            int slot = Enumerable.Range(0, WdbcData.FeatureCount).FirstOrDefault(s => all.Select((r, i) => r[s] == kept[i][j]).All(x => x), -1);
            Assert.IsGreaterThanOrEqualTo(0, slot, $"output slot {j} is not an input slot");
        }
        IDataView downstream = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Selected").Fit(scored).Transform(scored);
        CalibratedBinaryClassificationMetrics metrics = ml.BinaryClassification.Evaluate(downstream);
        Assert.IsGreaterThan(0.95, metrics.AreaUnderRocCurve, $"downstream AUC on {Kept} kept features");
    }

    /// <inheritdoc/>
    public override void CrossValidate(MLContext ml, IDataView trainRaw)
    {
        var folds = ml.BinaryClassification.CrossValidate(trainRaw,
            CreatePipeline(ml).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Selected")), numberOfFolds: 3);
        Assert.AreEqual(3, folds.Count);
        foreach (var fold in folds)
            Assert.IsGreaterThan(0.95, fold.Metrics.AreaUnderRocCurve, $"fold AUC {fold.Metrics.AreaUnderRocCurve}");
    }

    /// <inheritdoc/>
    public override void CheckPredictionEngine(MLContext ml, ITransformer model, IDataView testRaw)
        => ComparePredictionEngine<WdbcRow, SelectedRow>(ml, model, testRaw, p => p.Selected!);

    /// <inheritdoc/>
    public override IEnumerable<BadInput> BadInputs()
    {
        foreach (BadInput input in FeatureBadInputs("Features", "input", scalarColumn: "Radius", nanCsvColumn: 2,
            size: WdbcData.FeatureCount, scoredByPredictionTransformer: false))
            yield return input;
        yield return new BadInput("label of Double", BadInputPhase.Fit,
            (ml, data) => ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Double).Fit(data).Transform(data),
            typeof(ArgumentOutOfRangeException), ["label column 'Label'", "expected Boolean, Single or Key<UInt32>", "got Double"]);
        yield return new BadInput("one class", BadInputPhase.Fit,
            (ml, data) => ml.Data.FilterRowsByColumn(ml.Transforms.Conversion.ConvertType("L", "Label", DataKind.Single).Fit(data).Transform(data), "L", 0.5, 2),
            typeof(InvalidOperationException), ["label column 'Label'", "only one class"]);
    }

    /// <summary>The scored row as a PredictionEngine returns it.</summary>
    public sealed class SelectedRow
    {
        /// <summary>The kept slots.</summary>
        [VectorType(Kept)]
        public float[]? Selected { get; set; }
    }
}
