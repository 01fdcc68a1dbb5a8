using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Clam's named errors for bad input, cancellation and progress.</summary>
[TestClass]
public sealed class ClamTrainerBadInputTests
{
    private static IDataView Data(MLContext ml, int n = 40, Action<List<ClusteringTestData.Row>>? edit = null)
    {
        List<ClusteringTestData.Row> rows = ClusteringTestData.Blobs(2, 3, n, 0.5, 5, 1);
        edit?.Invoke(rows);
        return ClusteringTestData.Load(ml, rows, 3);
    }

    private static ClamTrainer.Options Quick(int k = 2) => new() { NumberOfClusters = k, NumberOfEpochs = 3, NumberOfRestarts = 1, Seed = 1 };

    [TestMethod]
    [DataRow(1)]
    [DataRow(0)]
    [DataRow(-3)]
    public void FewerThanTwoClusters_IsRejectedByName(int k)
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Clam(k));
        Assert.AreEqual("NumberOfClusters", e.ParamName);
        StringAssert.Contains(e.Message, "at least 2");
    }

    [TestMethod]
    public void MoreClustersThanRows_IsRejected()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Clustering.Trainers.Clam(Quick(41)).Fit(Data(ml)));
        StringAssert.Contains(e.Message, "NumberOfClusters (k) is 41");
        StringAssert.Contains(e.Message, "40 rows");
    }

    [TestMethod]
    public void NaNFeature_IsRejectedNamingColumnRowAndSlot()
    {
        var ml = new MLContext(1);
        IDataView data = Data(ml, edit: rows => rows[7].Features[2] = float.NaN);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Clustering.Trainers.Clam(Quick()).Fit(data));
        StringAssert.Contains(e.Message, "'Features'");
        StringAssert.Contains(e.Message, "row 7");
        StringAssert.Contains(e.Message, "slot 2");
    }

    [TestMethod]
    public void NegativeAndAllZeroWeights_AreRejected()
    {
        var ml = new MLContext(1);
        var options = Quick();
        options.ExampleWeightColumnName = "Weight";
        var negative = Assert.ThrowsExactly<InvalidOperationException>(
            () => ml.Clustering.Trainers.Clam(options).Fit(Data(ml, edit: rows => rows[3].Weight = -1)));
        StringAssert.Contains(negative.Message, "'Weight'");
        var zero = Assert.ThrowsExactly<InvalidOperationException>(
            () => ml.Clustering.Trainers.Clam(options).Fit(Data(ml, edit: rows => rows.ForEach(r => r.Weight = 0))));
        StringAssert.Contains(zero.Message, "weight 0");
    }

    [TestMethod]
    public void FeatureOfTheWrongType_IsRejectedNamingTheColumn()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Transforms.Conversion.ConvertType("Features", outputKind: DataKind.Double).Fit(Data(ml)).Transform(Data(ml));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Clam(Quick()).Fit(data));
        StringAssert.Contains(e.Message, "Features");
    }

    /// <summary>Data over the cache limit is a named error (ClAM trains in memory), not a silent subsample.</summary>
    [TestMethod]
    public void DataOverTheCacheLimit_IsANamedError()
    {
        var ml = new MLContext(1);
        var options = Quick();
        options.CacheLimitBytes = 100;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Clustering.Trainers.Clam(options).Fit(Data(ml)));
        StringAssert.Contains(e.Message, "cache limit (100 bytes");
        StringAssert.Contains(e.Message, "CacheLimitBytes");
    }

    [TestMethod]
    public void InvalidOptions_NameTheOption()
    {
        var ml = new MLContext(1);
        (string Name, Action<ClamTrainer.Options> Edit)[] cases =
        [
            ("Beta", o => o.Beta = 0),
            ("Beta", o => o.Beta = -1),
            ("Beta", o => o.Beta = double.PositiveInfinity),
            ("Alpha", o => o.Alpha = 0),
            ("Alpha", o => o.Alpha = 1.01),
            ("Alpha", o => o.Alpha = double.NaN),
            ("Steps", o => o.Steps = 0),
            ("LearningRate", o => o.LearningRate = 0),
            ("BatchSize", o => o.BatchSize = 0),
            ("NumberOfEpochs", o => o.NumberOfEpochs = 0),
            ("MaskProbability", o => o.MaskProbability = 1.5),
            ("MaskChangeCycle", o => o.MaskChangeCycle = -1),
            ("MaskValue", o => o.MaskValue = (ClamMaskValue)9),
            ("NumberOfRestarts", o => o.NumberOfRestarts = 0),
            ("Standardization", o => o.Standardization = (ClamStandardization)9),
            ("RestartSelection", o => o.RestartSelection = (ClamRestartSelection)9),
            ("SilhouetteSampleRows", o => o.SilhouetteSampleRows = 1),
            ("EarlyStoppingPatience", o => o.EarlyStoppingPatience = 0),
            ("CacheLimitBytes", o => o.CacheLimitBytes = -1),
            ("MaxThreads", o => o.MaxThreads = 0),
        ];
        foreach (var (name, edit) in cases)
        {
            var options = new ClamTrainer.Options();
            edit(options);
            var e = Assert.Throws<ArgumentException>(() => ml.Clustering.Trainers.Clam(options), name);
            Assert.AreEqual(name, e.ParamName);
        }
    }

    [TestMethod]
    public void Explain_RowOfTheWrongLength_IsRejected()
    {
        var ml = new MLContext(1);
        var model = ml.Clustering.Trainers.Clam(Quick()).Fit(Data(ml)).Model;
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.Explain(new float[5]));
        StringAssert.Contains(e.Message, "5 features");
        StringAssert.Contains(e.Message, "reads 3");
    }

    /// <summary>Progress: one Info message per epoch of every restart on MLContext.Log; cancellation: CancelExecution
    /// during the fit ends it with OperationCanceledException (counted by epochs, not timed).</summary>
    [TestMethod]
    public void LogSeesEpochs_AndCancellationStopsTheFit()
    {
        var ml = new MLContext(1);
        var epochs = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.Contains("Clam", StringComparison.Ordinal) && e.Message.Contains("] epoch ", StringComparison.Ordinal))
            {
                lock (epochs)
                    epochs.Add(e.Message);
            }
        };
        var options = Quick();
        options.NumberOfEpochs = 4;
        options.NumberOfRestarts = 2;
        ml.Clustering.Trainers.Clam(options).Fit(Data(ml, n: 200));
        Assert.HasCount(8, epochs);
        StringAssert.Contains(epochs[0], "epoch 1/8: loss ");
        StringAssert.Contains(epochs[7], "epoch 8/8: loss ");

        var cancelling = new MLContext(1);
        int seen = 0;
        cancelling.Log += (_, e) =>
        {
            if (e.Source.Contains("Clam", StringComparison.Ordinal) && e.Message.Contains("] epoch ", StringComparison.Ordinal)
                && Interlocked.Increment(ref seen) == 2)
                CancelExecution(cancelling);
        };
        var endless = Quick();
        endless.NumberOfEpochs = 100_000;
        Assert.ThrowsExactly<OperationCanceledException>(() => cancelling.Clustering.Trainers.Clam(endless).Fit(Data(cancelling, n: 200)));
        Assert.IsLessThan(10, Volatile.Read(ref seen));
    }

    // MLContext.CancelExecution is internal in ML.NET 6.0.0; reached by reflection (this project compiles against the
    // real ML.NET), as in NeuralKMeansBadInputTests.
    private static void CancelExecution(MLContext ml)
        => (typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?? throw new InvalidOperationException("MLContext.CancelExecution not found")).Invoke(ml, null);
}
