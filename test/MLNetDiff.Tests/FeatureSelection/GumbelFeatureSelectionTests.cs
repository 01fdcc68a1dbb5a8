using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.FeatureSelection;
using MLNetDiff.Tests.Contract;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>The estimator and transformer: tasks, rules and caps, output schema and values, save/load.</summary>
[TestClass]
public sealed class GumbelFeatureSelectionTests
{
    public TestContext TestContext { get; set; } = null!;

    private static GumbelFeatureSelectionEstimator.Options Quick(int seed = 1) => new() { Seed = seed, NumberOfEpochs = 60 };

    [TestMethod]
    public void SameSeedSameSubsetAndLogits()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 400, 20, 3, 5));
        var a = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick(7)).Fit(data);
        var b = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick(7)).Fit(data);
        var c = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick(8)).Fit(data);
        CollectionAssert.AreEqual(a.SelectedIndices.ToArray(), b.SelectedIndices.ToArray());
        CollectionAssert.AreEqual(a.Logits.ToArray(), b.Logits.ToArray(), "bit-identical with the same seed");
        CollectionAssert.AreNotEqual(a.Logits.ToArray(), c.Logits.ToArray(), "another seed is another run");
    }

    [TestMethod]
    public void RegressionOnASingleLabelKeepsTheTwoInformativeFeatures()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Regression(ml, 800, 30, 3));
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = 2, NumberOfEpochs = 100 }).Fit(data);
        CollectionAssert.IsSubsetOf(new[] { 0, 1 }, model.SelectedIndices.ToArray(), $"kept [{string.Join(", ", model.SelectedIndices)}]");
        Assert.IsLessThanOrEqualTo(5, model.Count, $"kept [{string.Join(", ", model.SelectedIndices)}]");
    }

    [TestMethod]
    public void MulticlassThroughAKeyLabel()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Multiclass(ml, 900, 25, 4));
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = 3, NumberOfEpochs = 100 }).Fit(data);
        CollectionAssert.IsSubsetOf(new[] { 0, 1, 2 }, model.SelectedIndices.ToArray(), $"kept [{string.Join(", ", model.SelectedIndices)}]");
        Assert.IsLessThanOrEqualTo(6, model.Count);
    }

    [TestMethod]
    public void ExposedScoresAreConsistent()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 400, 20, 3, 5));
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick()).Fit(data);
        Assert.AreEqual(20, model.InputSize);
        Assert.AreEqual(20, model.Logits.Count);
        CollectionAssert.AreEqual(Enumerable.Range(0, 20).Where(i => model.Logits[i] > 0).ToArray(), model.SelectedIndices.ToArray(),
            "deterministic rule: exactly w > 0");
        for (int i = 0; i < 20; i++)
            Assert.AreEqual(1 - Math.Exp(-Math.Exp(model.Logits[i])), model.Probabilities[i], 1e-9);
        int[] ranking = model.Ranking.ToArray();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 20).ToArray(), ranking);
        for (int r = 1; r < 20; r++)
            Assert.IsTrue(model.Logits[ranking[r - 1]] >= model.Logits[ranking[r]]);
        CollectionAssert.AreEqual(model.SelectedIndices.Select(i => $"f{i}").ToArray(), model.SelectedNames.ToArray(), "no input slot names: f<i>");
    }

    [TestMethod]
    public void OutputIsAKnownSizeVectorOfTheKeptSlotsWithTheirNames()
    {
        var ml = new MLContext(1);
        // Real data whose header gives the feature vector slot names.
        // Real data; Concatenate of named scalar columns gives the vector its slot names (the CSV header).
        string path = Helpers.TestData.PathOf("breast_cancer_wdbc");
        string[] header = File.ReadLines(path).First().Split(',');
        TextLoader.Column[] columns = header.Select((name, i) => new TextLoader.Column(name, i == 0 ? DataKind.Boolean : DataKind.Single, i)).ToArray();
        IDataView loaded = ml.Data.LoadFromTextFile(path, columns, separatorChar: ',', hasHeader: true);
        IDataView data = ml.Data.Cache(ml.Transforms.Concatenate("Features", header[1..]).Fit(loaded).Transform(loaded));
        var inputNames = default(VBuffer<ReadOnlyMemory<char>>);
        data.Schema["Features"].GetSlotNames(ref inputNames);
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel("Kept", "Features", seed: 1).Fit(data);
        IDataView scored = model.Transform(data);
        DataViewSchema.Column kept = scored.Schema["Kept"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, model.Count), kept.Type);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        kept.GetSlotNames(ref names);
        string[] all = inputNames.DenseValues().Select(n => n.ToString()).ToArray();
        CollectionAssert.AreEqual(model.SelectedIndices.Select(i => all[i]).ToArray(), names.DenseValues().Select(n => n.ToString()).ToArray());
        CollectionAssert.AreEqual(model.SelectedNames.ToArray(), names.DenseValues().Select(n => n.ToString()).ToArray());

        float[][] input = scored.GetColumn<float[]>("Features").ToArray();
        float[][] output = scored.GetColumn<float[]>("Kept").ToArray();
        for (int r = 0; r < input.Length; r++)
            CollectionAssert.AreEqual(model.SelectedIndices.Select(i => input[r][i]).ToArray(), output[r], $"row {r}");
        // Any downstream trainer takes it.
        var downstream = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Kept").Fit(scored);
        Assert.IsGreaterThan(0.8, ml.BinaryClassification.Evaluate(downstream.Transform(scored)).Accuracy);
        // GetOutputSchema agrees with the fitted schema.
        SchemaShape shape = ml.Transforms.FeatureSelection.SelectFeaturesGumbel("Kept", "Features").GetOutputSchema(GumbelTestData.Shape(data.Schema));
        SchemaShape.Column column = shape.Single(c => c.Name == "Kept");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.AreEqual(NumberDataViewType.Single, column.ItemType);
    }

    [TestMethod]
    public void CapsBoundTheCountAndACollapsedMaskFallsBackWithAWarning()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 400, 20, 5, 7));
        var capped = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            Seed = 1, NumberOfEpochs = 60, MaximumFeatureCount = 2,
        }).Fit(data);
        Assert.AreEqual(2, capped.Count);
        float[] top = capped.Logits.OrderByDescending(w => w).Take(2).ToArray();
        CollectionAssert.AreEquivalent(top, capped.SelectedIndices.Select(i => capped.Logits[i]).ToArray(), "the top two by logit");

        // T5: λ = 100 collapses the mask; Fit succeeds and keeps the minimum, top-ranked first, with a warning.
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("collapsed", StringComparison.Ordinal))
                messages.Add(e.Message);
        };
        var collapsed = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            Seed = 1, NumberOfEpochs = 60, Balance = 100, MinimumFeatureCount = 3,
        }).Fit(data);
        Assert.IsTrue(collapsed.Logits.All(w => w <= 0), "λ = 100 drives every logit below 0");
        Assert.AreEqual(3, collapsed.Count);
        CollectionAssert.AreEquivalent(collapsed.Ranking.Take(3).ToArray(), collapsed.SelectedIndices.ToArray());
        Assert.IsNotEmpty(messages, "a warning on the log");
    }

    [TestMethod]
    public void T6_RandomLabelsKeepFewFeatures()
    {
        var ml = new MLContext(1);
        float[][] x = GumbelTestData.Features(1000, 40, 9);
        var labels = new float[1000];
        MLNetDiff.Kernels.KernelBackends.Scalar.RandomUniform(10, 0, labels);
        IDataView data = GumbelTestData.Load(ml, 40, x.Select((f, r) => new GumbelTestData.BinaryRow { Features = f, Label = labels[r] > 0.5f }));
        int[] counts = new[] { 1, 2, 3 }.Select(seed =>
            ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = seed, MinimumFeatureCount = 1 }).Fit(data).Count).ToArray();
        double mean = counts.Average();
        TestContext.WriteLine($"random labels: kept {string.Join(", ", counts)} of 40");
        Assert.IsLessThanOrEqualTo(4.0, mean, "≤ 10 % of D on average");
    }

    [TestMethod]
    public void NullCalibratedRuleKeepsTheSignalAndFindsNothingInRandomLabels()
    {
        var ml = new MLContext(1);
        var options = new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = 60, SelectionRule = GumbelSelectionRule.NullCalibrated };
        IDataView informative = ml.Data.Cache(GumbelTestData.Binary(ml, 400, 20, 3, 5));
        var plain = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick()).Fit(informative);
        var calibrated = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(informative);
        CollectionAssert.AreEqual(plain.Logits.ToArray(), calibrated.Logits.ToArray(), "the null fit does not change the real fit");
        CollectionAssert.IsSubsetOf(calibrated.SelectedIndices.ToArray(), plain.SelectedIndices.ToArray(), "a higher cut on the same logits");
        CollectionAssert.IsSubsetOf(new[] { 0, 1, 2 }, calibrated.SelectedIndices.ToArray(), $"kept [{string.Join(", ", calibrated.SelectedIndices)}]");

        float[][] x = GumbelTestData.Features(1000, 40, 9);
        var labels = new float[1000];
        MLNetDiff.Kernels.KernelBackends.Scalar.RandomUniform(10, 0, labels);
        IDataView random = GumbelTestData.Load(ml, 40, x.Select((f, r) => new GumbelTestData.BinaryRow { Features = f, Label = labels[r] > 0.5f }));
        int deterministic = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick()).Fit(random).Count;
        int nullCalibrated = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(options).Fit(random).Count;
        TestContext.WriteLine($"random labels: deterministic rule kept {deterministic}, null-calibrated {nullCalibrated} of 40");
        Assert.IsLessThanOrEqualTo(2, nullCalibrated, "nothing to find: the minimum (1), or a chance survivor");
    }

    [TestMethod]
    public void GumbelVoteRuleKeepsEveryFeatureWithAVote()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 400, 20, 3, 5));
        var vote = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            Seed = 1, NumberOfEpochs = 60, SelectionRule = GumbelSelectionRule.GumbelVote,
        }).Fit(data);
        var plain = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(Quick()).Fit(data);
        CollectionAssert.AreEqual(plain.Logits.ToArray(), vote.Logits.ToArray(), "the rule does not change training");
        CollectionAssert.IsSubsetOf(plain.SelectedIndices.ToArray(), vote.SelectedIndices.ToArray(), "the vote keeps at least w > 0 (spec §4.2)");
    }

    [TestMethod]
    public void SavesAndLoadsBackAsItselfInProcessAndInAFreshProcess()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 300, 15, 3, 12));
        var model = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            Seed = 1, NumberOfEpochs = 40, NoiseKind = GumbelNoiseKind.Logistic, OutputColumnName = "Kept", InputColumnName = "Features",
        }).Fit(data);
        string dir = Path.Combine(Path.GetTempPath(), $"mlnd-gfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string modelPath = Path.Combine(dir, "model.zip");
            ml.Model.Save(model, data.Schema, modelPath);
            var loaded = (GumbelFeatureSelectionTransformer)ml.Model.Load(modelPath, out _);
            CollectionAssert.AreEqual(model.SelectedIndices.ToArray(), loaded.SelectedIndices.ToArray());
            CollectionAssert.AreEqual(model.SelectedNames.ToArray(), loaded.SelectedNames.ToArray());
            CollectionAssert.AreEqual(model.Logits.ToArray(), loaded.Logits.ToArray());
            Assert.AreEqual(GumbelNoiseKind.Logistic, loaded.NoiseKind);
            CollectionAssert.AreEqual(model.Probabilities.ToArray(), loaded.Probabilities.ToArray());

            string inputPath = Path.Combine(dir, "input.idv"), outputPath = Path.Combine(dir, "output.idv");
            using (var stream = File.Create(inputPath))
                ml.Data.SaveAsBinary(data, stream);
            ModelHostRunner.Result result = ModelHostRunner.Run(modelPath, inputPath, outputPath, TimeSpan.FromMinutes(2));
            Assert.AreEqual(0, result.ExitCode, result.StandardError);
            CollectionAssert.Contains(result.Types.Select(t => t.Type).ToArray(), typeof(GumbelFeatureSelectionTransformer).FullName);
            float[][] expected = model.Transform(data).GetColumn<float[]>("Kept").ToArray();
            IDataView fresh = ml.Data.LoadFromBinary(outputPath);
            float[][] actual = fresh.GetColumn<float[]>("Kept").ToArray();
            Assert.AreEqual(expected.Length, actual.Length);
            for (int r = 0; r < expected.Length; r++)
                CollectionAssert.AreEqual(expected[r], actual[r], $"row {r}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void RowWeightsAreRead()
    {
        var ml = new MLContext(1);
        float[][] x = GumbelTestData.Features(300, 10, 13);
        IDataView data = GumbelTestData.Load(ml, 10, x.Select(f => new WeightedRow { Features = f, Label = f[0] > 0, Weight = 1f }));
        var weighted = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options
        {
            Seed = 1, NumberOfEpochs = 30, ExampleWeightColumnName = "Weight",
        }).Fit(data);
        var plain = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = 30 }).Fit(data);
        CollectionAssert.AreEqual(plain.Logits.ToArray(), weighted.Logits.ToArray(), "all-one weights are the unweighted fit");
    }

    internal sealed class WeightedRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; }
    }
}
