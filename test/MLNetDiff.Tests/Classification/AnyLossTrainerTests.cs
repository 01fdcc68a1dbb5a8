using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Metrics;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Classification;

[TestClass]
public sealed class AnyLossTrainerTests
{
    private const string Dataset = "breast_cancer_wdbc";

    private static (MLContext Ml, IDataView Train, IDataView Test) Data(bool booleanLabel = true)
    {
        var ml = new MLContext(1);
        (IDataView train, IDataView test) = TestData.Split(ml, TestData.LoadBinary(ml, Dataset, booleanLabel));
        return (ml, train, test);
    }

    private static float[] Column(IDataView data, string name) => data.GetColumn<float>(name).ToArray();

    [TestMethod]
    public void Fit_F1_BeatsOrMatchesLogisticRegressionOnHeldOutRows()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        var anyLoss = ml.BinaryClassification.Trainers.AnyLoss(metric: BinaryMetric.F1).Fit(train);
        CalibratedBinaryClassificationMetrics ours = ml.BinaryClassification.Evaluate(anyLoss.Transform(test));

        var lr = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(train);
        CalibratedBinaryClassificationMetrics baseline = ml.BinaryClassification.Evaluate(lr.Transform(test));

        Assert.IsGreaterThan(0.9, ours.F1Score, $"AnyLoss F1 {ours.F1Score:F4}");
        Assert.IsGreaterThanOrEqualTo(baseline.F1Score - 0.03, ours.F1Score,
            $"AnyLoss F1 {ours.F1Score:F4} vs LbfgsLogisticRegression {baseline.F1Score:F4}");
    }

    [TestMethod]
    public void Score_IsTheDecisionRule_EvaluateReportsWhatWasOptimized()
    {
        (MLContext ml, IDataView train, IDataView test) = Data(booleanLabel: false);
        var model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { ThresholdSearch = true, ValidationFraction = 0.2f }).Fit(train);
        IDataView scored = model.Transform(test);
        float[] score = Column(scored, "Score"), probability = Column(scored, "Probability"), label = Column(scored, "Label");
        bool[] predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        float tau = model.Model.SubModel.DecisionThreshold;
        for (int i = 0; i < score.Length; i++)
        {
            Assert.AreEqual(score[i] > 0, predicted[i], $"row {i}");
            // Probability is the network's own σ(logit) = σ(Score + τ).
            Assert.AreEqual(1 / (1 + Math.Exp(-(score[i] + (double)tau))), probability[i], 1e-5, $"row {i}");
        }
        ConfusionCounts counts = ConfusionCounts.FromScores(score, label, 0f);
        CalibratedBinaryClassificationMetrics metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.AreEqual(counts.F1, metrics.F1Score, 1e-9);
        Assert.AreEqual(counts.Accuracy, metrics.Accuracy, 1e-9);
    }

    [TestMethod]
    public void ThresholdSearch_IsReportedSeparately_AndNeverLowersTheValidationMetric()
    {
        (MLContext ml, IDataView train, _) = Data();
        var plain = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Seed = 3, ValidationFraction = 0.2f });
        AnyLossTrainingReport? plainReport = plain.Fit(train).Model.SubModel.TrainingReport;
        Assert.IsNotNull(plainReport);
        Assert.IsNull(plainReport.ValidationMetricAfterThreshold);
        Assert.AreEqual(0f, plainReport.DecisionThreshold);

        var searched = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Seed = 3, ValidationFraction = 0.2f, ThresholdSearch = true });
        AnyLossTrainingReport report = searched.Fit(train).Model.SubModel.TrainingReport!;
        Assert.IsNotNull(report.ValidationMetric);
        Assert.IsNotNull(report.ValidationMetricAfterThreshold);
        Assert.IsGreaterThanOrEqualTo(report.ValidationMetric.Value, report.ValidationMetricAfterThreshold.Value);
        Assert.AreEqual(plainReport.ValidationMetric, report.ValidationMetric, "same seed, same network before the search");
    }

    [TestMethod]
    public void EarlyStopping_OnTheValidationMetric_StopsAndKeepsTheBestEpoch()
    {
        (MLContext ml, IDataView train, _) = Data();
        var trainer = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options
        {
            Seed = 2, ValidationFraction = 0.25f, EarlyStoppingPatience = 5, NumberOfEpochs = 500,
        });
        AnyLossTrainingReport report = trainer.Fit(train).Model.SubModel.TrainingReport!;
        Assert.IsTrue(report.StoppedEarly);
        Assert.IsLessThan(500, report.EpochsCompleted);
        Assert.IsLessThan(report.EpochsCompleted, report.BestEpoch);
        Assert.IsGreaterThan(0, report.ValidationRows);
        Assert.IsGreaterThan(0.8, report.ValidationMetric!.Value);
    }

    [TestMethod]
    public void Fit_WithValidationData_UsesItInsteadOfASplit()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        var trainer = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Seed = 2, NumberOfEpochs = 30, ThresholdSearch = true });
        var model = trainer.Fit(train, test);
        AnyLossTrainingReport report = model.Model.SubModel.TrainingReport!;
        Assert.AreEqual(test.GetColumn<bool>("Label").Count(), report.ValidationRows);
        Assert.AreEqual(train.GetColumn<bool>("Label").Count(), report.TrainRows);
        // The threshold was searched on exactly these rows, so the test-set F1 equals the reported metric.
        double f1 = ml.BinaryClassification.Evaluate(model.Transform(test)).F1Score;
        Assert.AreEqual(report.ValidationMetricAfterThreshold!.Value, f1, 1e-6);
    }

    [TestMethod]
    public void LinearModel_ExposesFeatureWeights_ThatReproduceTheScore()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        var model = ml.BinaryClassification.Trainers.AnyLoss(hiddenLayerSizes: []).Fit(train);
        AnyLossModelParameters p = model.Model.SubModel;
        Assert.IsTrue(p.IsLinear);
        Assert.HasCount(30, p.Weights);
        Assert.AreEqual(0, p.HiddenLayerSizes.Count);
        float[][] features = test.GetColumn<float[]>("Features").ToArray();
        float[] score = Column(model.Transform(test), "Score");
        for (int i = 0; i < score.Length; i++)
        {
            double expected = p.Bias;
            for (int j = 0; j < 30; j++)
                expected += (double)p.Weights[j] * features[i][j];
            Assert.AreEqual(expected, score[i], 1e-3 * (1 + Math.Abs(expected)), $"row {i}");
        }
        VBuffer<float> weights = default;
        p.GetFeatureWeights(ref weights);
        CollectionAssert.AreEqual(p.Weights.ToArray(), weights.DenseValues().ToArray());
    }

    [TestMethod]
    public void Mlp_ExposesLayers()
    {
        (MLContext ml, IDataView train, _) = Data();
        AnyLossModelParameters p = ml.BinaryClassification.Trainers.AnyLoss(hiddenLayerSizes: [8, 4], numberOfEpochs: 5)
            .Fit(train).Model.SubModel;
        Assert.IsFalse(p.IsLinear);
        CollectionAssert.AreEqual(new[] { 8, 4 }, p.HiddenLayerSizes.ToArray());
        Assert.AreEqual(3, p.LayerCount);
        Assert.HasCount(30 * 8, p.GetLayerWeights(0));
        Assert.HasCount(4, p.GetLayerBiases(1));
        Assert.HasCount(4, p.GetLayerWeights(2));
        Assert.ThrowsExactly<InvalidOperationException>(() => _ = p.Weights);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => p.GetLayerWeights(3));
    }

    [TestMethod]
    public void ParallelCursors_ScoreLikeOneCursor()
    {
        // ML.NET may score through a cursor set on several threads; each cursor gets its own mapper and workspace.
        (MLContext ml, IDataView train, _) = Data();
        IDataView scored = ml.BinaryClassification.Trainers.AnyLoss(hiddenLayerSizes: [16, 8], numberOfEpochs: 5).Fit(train).Transform(train);
        float[] sequential = Column(scored, "Score");
        DataViewSchema.Column score = scored.Schema["Score"];
        DataViewRowCursor[] cursors = scored.GetRowCursorSet([score], 4);
        Assert.IsGreaterThan(1, cursors.Length, "the data should split into several cursors");
        var seen = new System.Collections.Concurrent.ConcurrentBag<float>();
        System.Threading.Tasks.Parallel.ForEach(cursors, cursor =>
        {
            using (cursor)
            {
                ValueGetter<float> getter = cursor.GetGetter<float>(score);
                float value = 0;
                while (cursor.MoveNext())
                {
                    getter(ref value);
                    seen.Add(value);
                }
            }
        });
        CollectionAssert.AreEquivalent(sequential, seen.ToArray());
    }

    [TestMethod]
    public void SameSeed_SameModel_DifferentSeed_DifferentModel()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        float[] Scores(int seed) => Column(ml.BinaryClassification.Trainers.AnyLoss(
            new AnyLossTrainer.Options { Seed = seed, NumberOfEpochs = 10 }).Fit(train).Transform(test), "Score");
        CollectionAssert.AreEqual(Scores(5), Scores(5));
        CollectionAssert.AreNotEqual(Scores(5), Scores(6));
    }

    [TestMethod]
    public void SingleZeroOneLabel_IsAccepted()
    {
        var ml = new MLContext(1);
        IDataView data = TestData.LoadBinary(ml, Dataset, booleanLabel: false);
        var model = ml.BinaryClassification.Trainers.AnyLoss(numberOfEpochs: 10).Fit(data);
        Assert.IsGreaterThan(0.85, ml.BinaryClassification.Evaluate(model.Transform(data)).F1Score);
    }

    [TestMethod]
    public void SaveLoad_InProcess_RestoresOurTypesAndScores()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        var model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { ThresholdSearch = true, ValidationFraction = 0.2f, NumberOfEpochs = 10 }).Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = new MLContext(7).Model.Load(stream, out _);
        var typed = loaded as BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>;
        Assert.IsNotNull(typed, loaded.GetType().FullName);
        Assert.AreEqual(model.Model.SubModel.DecisionThreshold, typed.Model.SubModel.DecisionThreshold);
        CollectionAssert.AreEqual(Column(model.Transform(test), "Score"), Column(loaded.Transform(test), "Score"));
        CollectionAssert.AreEqual(Column(model.Transform(test), "Probability"), Column(loaded.Transform(test), "Probability"));
    }

    [TestMethod]
    public void ChangeModelThreshold_And_PermutationFeatureImportance_Work()
    {
        (MLContext ml, IDataView train, IDataView test) = Data();
        var model = ml.BinaryClassification.Trainers.AnyLoss(hiddenLayerSizes: [], numberOfEpochs: 20).Fit(train);
        var shifted = ml.BinaryClassification.ChangeModelThreshold(model, 1e6f);
        bool[] predicted = shifted.Transform(test).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.IsTrue(predicted.All(p => !p), "a huge threshold predicts no positives");

        var pfi = ml.BinaryClassification.PermutationFeatureImportance(model, test, permutationCount: 1);
        Assert.HasCount(30, pfi);
        Assert.IsTrue(pfi.Any(m => m.AreaUnderRocCurve.Mean < -0.001), "some feature matters");
    }

    [TestMethod]
    public void CrossValidate_Works()
    {
        (MLContext ml, IDataView train, _) = Data();
        var folds = ml.BinaryClassification.CrossValidate(train, ml.BinaryClassification.Trainers.AnyLoss(numberOfEpochs: 20), numberOfFolds: 3);
        Assert.HasCount(3, folds);
        Assert.IsTrue(folds.All(f => f.Metrics.F1Score > 0.85), string.Join(", ", folds.Select(f => f.Metrics.F1Score)));
    }

    public static IEnumerable<object[]> InvalidOptions()
    {
        yield return [new AnyLossTrainer.Options { Amplification = 0 }, "Amplification"];
        yield return [new AnyLossTrainer.Options { Amplification = -1 }, "Amplification"];
        yield return [new AnyLossTrainer.Options { Beta = 0 }, "Beta"];
        yield return [new AnyLossTrainer.Options { NumberOfEpochs = 0 }, "NumberOfEpochs"];
        yield return [new AnyLossTrainer.Options { HiddenLayerSizes = [16, 0] }, "HiddenLayerSizes"];
        yield return [new AnyLossTrainer.Options { HiddenLayerSizes = null! }, "HiddenLayerSizes"];
        yield return [new AnyLossTrainer.Options { LearningRate = 0 }, "LearningRate"];
        yield return [new AnyLossTrainer.Options { ValidationFraction = 1 }, "ValidationFraction"];
        yield return [new AnyLossTrainer.Options { BatchSize = -1 }, "BatchSize"];
        yield return [new AnyLossTrainer.Options { Metric = (BinaryMetric)99 }, "Metric"];
    }

    [TestMethod]
    [DynamicData(nameof(InvalidOptions))]
    public void InvalidOption_ThrowsArgumentException_NamingIt(AnyLossTrainer.Options options, string name)
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.AnyLoss(options));
        Assert.AreEqual(name, e.ParamName);
    }

    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    private sealed class DoubleLabelRow
    {
        public double Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    private static Row[] Rows(params (float Label, float A, float B)[] rows) =>
        rows.Select(r => new Row { Label = r.Label, Features = [r.A, r.B] }).ToArray();

    [TestMethod]
    public void OneClassLabel_Throws_NamingTheColumnAndCounts()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Rows((0, 1, 2), (0, 2, 3), (0, 3, 1)));
        var e = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.AnyLoss().Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
        StringAssert.Contains(e.Message, "3 rows of class 0");
        StringAssert.Contains(e.Message, "0 rows of class 1");
    }

    [TestMethod]
    public void LabelOutsideZeroOne_Throws_NamingTheColumnAndValue()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Rows((0, 1, 2), (1, 2, 3), (2, 3, 1)));
        var e = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.AnyLoss().Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
        StringAssert.Contains(e.Message, "holds 2");
    }

    [TestMethod]
    public void DoubleLabel_IsRejected_NamingTheColumn()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new DoubleLabelRow { Label = 1, Features = [1, 2] } });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.AnyLoss().Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
        StringAssert.Contains(e.Message, "Boolean");
    }

    [TestMethod]
    public void NaNFeature_Throws_NamingTheColumnAndRow()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Rows((0, 1, 2), (1, float.NaN, 3), (1, 3, 1)));
        var e = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.AnyLoss().Fit(data));
        StringAssert.Contains(e.Message, "'Features'");
        StringAssert.Contains(e.Message, "row 1");
    }

    [TestMethod]
    public void EmptyData_Throws()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Array.Empty<Row>());
        var e = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.AnyLoss().Fit(data));
        StringAssert.Contains(e.Message, "no rows");
    }

    [TestMethod]
    public void WrongFeatureVectorSizeAtScoring_Throws_NamingTheColumn()
    {
        (MLContext ml, IDataView train, _) = Data();
        var model = ml.BinaryClassification.Trainers.AnyLoss(numberOfEpochs: 2).Fit(train);
        IDataView small = ml.Data.LoadFromEnumerable(Rows((0, 1, 2)));
        // ML.NET's prediction transformer checks the vector size when it binds the column (its message, not ours).
        var e = Assert.Throws<InvalidOperationException>(() => model.Transform(small));
        StringAssert.Contains(e.Message, "features column");
        StringAssert.Contains(e.Message, "30");
    }
}
