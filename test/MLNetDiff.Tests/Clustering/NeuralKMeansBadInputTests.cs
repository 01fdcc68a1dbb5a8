using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Clustering;

namespace MLNetDiff.Tests.Clustering;

/// <summary>Named errors for bad input, cancellation and progress.</summary>
[TestClass]
public sealed class NeuralKMeansBadInputTests
{
    private static IDataView Data(MLContext ml, int n = 40, Action<List<ClusteringTestData.Row>>? edit = null)
    {
        List<ClusteringTestData.Row> rows = ClusteringTestData.Blobs(2, 3, n, 0.5, 5, 1);
        edit?.Invoke(rows);
        return ClusteringTestData.Load(ml, rows, 3);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(0)]
    [DataRow(-3)]
    public void FewerThanTwoClusters_IsRejectedByName(int k)
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.NeuralKMeans(k));
        Assert.AreEqual("NumberOfClusters", e.ParamName);
        StringAssert.Contains(e.Message, "at least 2");
    }

    [TestMethod]
    public void MoreClustersThanRows_IsRejected()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Clustering.Trainers.NeuralKMeans(41).Fit(Data(ml)));
        StringAssert.Contains(e.Message, "NumberOfClusters (k) is 41");
        StringAssert.Contains(e.Message, "40 rows");
    }

    [TestMethod]
    public void NaNFeature_IsRejectedNamingColumnRowAndSlot()
    {
        var ml = new MLContext(1);
        IDataView data = Data(ml, edit: rows => rows[7].Features[2] = float.NaN);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Clustering.Trainers.NeuralKMeans(2).Fit(data));
        StringAssert.Contains(e.Message, "'Features'");
        StringAssert.Contains(e.Message, "row 7");
        StringAssert.Contains(e.Message, "slot 2");
    }

    [TestMethod]
    public void NegativeWeight_IsRejectedNamingTheColumn()
    {
        var ml = new MLContext(1);
        IDataView data = Data(ml, edit: rows => rows[3].Weight = -1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(
            () => ml.Clustering.Trainers.NeuralKMeans(2, exampleWeightColumnName: "Weight").Fit(data));
        StringAssert.Contains(e.Message, "'Weight'");
    }

    [TestMethod]
    public void AllWeightsZero_IsRejected()
    {
        var ml = new MLContext(1);
        IDataView data = Data(ml, edit: rows => rows.ForEach(r => r.Weight = 0));
        var e = Assert.ThrowsExactly<InvalidOperationException>(
            () => ml.Clustering.Trainers.NeuralKMeans(2, exampleWeightColumnName: "Weight").Fit(data));
        StringAssert.Contains(e.Message, "weight 0");
    }

    [TestMethod]
    public void FeatureOfTheWrongType_IsRejectedNamingTheColumn()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Transforms.Conversion.ConvertType("Features", outputKind: DataKind.Double).Fit(Data(ml)).Transform(Data(ml));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.NeuralKMeans(2).Fit(data));
        StringAssert.Contains(e.Message, "Features");
    }

    [TestMethod]
    public void InvalidOptions_NameTheOption()
    {
        var ml = new MLContext(1);
        (string Name, Action<NeuralKMeansTrainer.Options> Edit)[] cases =
        [
            ("NumberOfEpochs", o => o.NumberOfEpochs = 0),
            ("BatchSize", o => o.BatchSize = 0),
            ("NumberOfRestarts", o => o.NumberOfRestarts = 0),
            ("OptimizationTolerance", o => o.OptimizationTolerance = double.NaN),
            ("PrototypeStep", o => o.PrototypeStep = 0),
            ("PrototypeStep", o => o.PrototypeStep = 1.5),
            ("InitializationSampleRows", o => o.InitializationSampleRows = 2),
            ("Geometry", o => o.Geometry = (NeuralKMeansGeometry)7),
            ("MaxThreads", o => o.MaxThreads = 0),
        ];
        foreach (var (name, edit) in cases)
        {
            var options = new NeuralKMeansTrainer.Options();
            edit(options);
            var e = Assert.Throws<ArgumentException>(() => ml.Clustering.Trainers.NeuralKMeans(options));
            Assert.AreEqual(name, e.ParamName);
        }
    }

    /// <summary>Explain rejects a row of the wrong length, naming both lengths.</summary>
    [TestMethod]
    public void Explain_RowOfTheWrongLength_IsRejected()
    {
        var ml = new MLContext(1);
        var model = ml.Clustering.Trainers.NeuralKMeans(2).Fit(Data(ml)).Model;
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.Explain(new float[5]));
        StringAssert.Contains(e.Message, "5 features");
        StringAssert.Contains(e.Message, "reads 3");
    }

    /// <summary>Progress: one Info message per epoch on MLContext.Log; cancellation: CancelExecution during the fit
    /// ends it with OperationCanceledException (counted by epochs, not timed).</summary>
    [TestMethod]
    public void LogSeesEpochs_AndCancellationStopsTheFit()
    {
        var ml = new MLContext(1);
        var epochs = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.Contains("NeuralKMeans", StringComparison.Ordinal) && e.Message.Contains("] epoch ", StringComparison.Ordinal))
            {
                lock (epochs)
                    epochs.Add(e.Message);
            }
        };
        IDataView data = Data(ml, n: 400);
        ml.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 2, NumberOfEpochs = 6, NumberOfRestarts = 1, OptimizationTolerance = 0, Seed = 1,
        }).Fit(data);
        Assert.HasCount(6, epochs);
        StringAssert.Contains(epochs[0], "epoch 1/6: loss ");

        var cancelling = new MLContext(1);
        int seen = 0;
        cancelling.Log += (_, e) =>
        {
            if (e.Source.Contains("NeuralKMeans", StringComparison.Ordinal) && e.Message.Contains("] epoch ", StringComparison.Ordinal)
                && Interlocked.Increment(ref seen) == 2)
                CancelExecution(cancelling);
        };
        var trainer = cancelling.Clustering.Trainers.NeuralKMeans(new NeuralKMeansTrainer.Options
        {
            NumberOfClusters = 2, NumberOfEpochs = 100_000, NumberOfRestarts = 1, OptimizationTolerance = 0, Seed = 1,
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(Data(cancelling, n: 400)));
        Assert.IsLessThan(10, Volatile.Read(ref seen));
    }

    // MLContext.CancelExecution is internal in ML.NET 6.0.0 (a [BestFriend] member); a host that owns the context calls
    // it, reached by reflection because this test project compiles against the real ML.NET.
    private static void CancelExecution(MLContext ml)
        => (typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?? throw new InvalidOperationException("MLContext.CancelExecution not found")).Invoke(ml, null);
}
