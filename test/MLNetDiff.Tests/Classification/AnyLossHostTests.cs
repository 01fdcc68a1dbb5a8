using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using MLNetDiff.Classification;
using MLNetDiff.Tests.Helpers;

namespace MLNetDiff.Tests.Classification;

/// <summary>AnyLoss and its ML.NET host: cancellation, progress on MLContext.Log, the report on the fitted model.</summary>
[TestClass]
public sealed class AnyLossHostTests
{
    public TestContext TestContext { get; set; } = null!;

    private static (MLContext Ml, IDataView Train) Data()
    {
        var ml = new MLContext(1);
        (IDataView train, _) = TestData.Split(ml, TestData.LoadBinary(ml, "breast_cancer_wdbc", booleanLabel: true));
        return (ml, ml.Data.Cache(train));
    }

    private static int EpochOf(string message)
    {
        // "epoch 3/100: loss …"
        int start = message.IndexOf("epoch ", StringComparison.Ordinal) + 6;
        int slash = message.IndexOf('/', start);
        return int.Parse(message.AsSpan(start, slash - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    [TestMethod]
    public void LogListenerSeesEveryEpoch()
    {
        (MLContext ml, IDataView train) = Data();
        var epochs = new List<string>();
        var all = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (all)
                all.Add($"{e.Kind} [{e.Source}] {e.Message}");
            if (e.Source.Contains("AnyLoss", StringComparison.Ordinal) && e.Message.Contains("] epoch ", StringComparison.Ordinal))
                epochs.Add(e.Message);
        };
        var model = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options
        {
            Seed = 1, NumberOfEpochs = 7, ValidationFraction = 0.2f, EarlyStoppingPatience = null,
        }).Fit(train);

        Assert.HasCount(7, epochs, string.Join(" | ", all.Take(40)));
        TestContext.WriteLine(epochs[^1]);
        CollectionAssert.AreEqual(Enumerable.Range(1, 7).ToArray(), epochs.Select(EpochOf).ToArray());
        StringAssert.Contains(epochs[0], "/7: loss ");
        StringAssert.Contains(epochs[0], "validation F1 ");
        Assert.AreEqual(7, model.Model.SubModel.TrainingReport!.EpochsCompleted);
    }

    /// <summary>Cancelling the MLContext from another thread while a 5,000-epoch fit runs ends the fit with
    /// OperationCanceledException a few epochs later (counted from the log, not timed).</summary>
    [TestMethod]
    public void CancelExecutionFromAnotherThreadStopsTheFit()
    {
        (MLContext ml, IDataView train) = Data();
        const int Epochs = 5000;
        int lastEpoch = 0;
        using var third = new ManualResetEventSlim();
        ml.Log += (_, e) =>
        {
            if (!e.Source.Contains("AnyLoss", StringComparison.Ordinal) || !e.Message.Contains("] epoch ", StringComparison.Ordinal))
                return;
            Volatile.Write(ref lastEpoch, EpochOf(e.Message));
            if (lastEpoch == 3)
                third.Set();
        };
        var trainer = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options
        {
            Seed = 1, NumberOfEpochs = Epochs, EarlyStoppingPatience = null,
        });
        Task<BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>> fit =
            Task.Run(() => trainer.Fit(train));
        Assert.IsTrue(third.Wait(TimeSpan.FromMinutes(2)), "the fit never reached epoch 3");
        CancelExecution(ml);
        AggregateException error = Assert.ThrowsExactly<AggregateException>(() => fit.Wait(TimeSpan.FromMinutes(2)));
        Assert.IsInstanceOfType<OperationCanceledException>(error.InnerException, error.ToString());
        int reached = Volatile.Read(ref lastEpoch);
        TestContext.WriteLine($"cancelled after epoch 3 was logged; the last epoch logged was {reached} of {Epochs}");
        Assert.IsGreaterThanOrEqualTo(3, reached);
        Assert.IsLessThan(Epochs / 10, reached, "the fit must stop within a few epochs of the cancel, not run on");
    }

    [TestMethod]
    public void ReportBelongsToTheFittedModelAndIsNullAfterLoad()
    {
        (MLContext ml, IDataView train) = Data();
        var trainer = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Seed = 1, NumberOfEpochs = 4 });
        var first = trainer.Fit(train);
        var second = ml.BinaryClassification.Trainers.AnyLoss(new AnyLossTrainer.Options { Seed = 1, NumberOfEpochs = 6 }).Fit(train);
        // The same estimator fitted again gives a new report; the first model keeps its own.
        var again = trainer.Fit(train);
        Assert.AreEqual(4, first.Model.SubModel.TrainingReport!.EpochsCompleted);
        Assert.AreEqual(6, second.Model.SubModel.TrainingReport!.EpochsCompleted);
        Assert.AreNotSame(first.Model.SubModel.TrainingReport, again.Model.SubModel.TrainingReport);
        Assert.IsFalse(typeof(AnyLossTrainer).GetProperties().Any(p => p.Name.Contains("Report", StringComparison.Ordinal)),
            "no report on the estimator");

        string path = Path.Combine(Path.GetTempPath(), $"mlnd-report-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(first, train.Schema, path);
            var loaded = (BinaryPredictionTransformer<CalibratedModelParametersBase<AnyLossModelParameters, PlattCalibrator>>)ml.Model.Load(path, out _);
            Assert.IsNull(loaded.Model.SubModel.TrainingReport, "the report is not persisted");
        }
        finally
        {
            File.Delete(path);
        }
    }

    // MLContext.CancelExecution is internal in ML.NET 6.0.0 (a [BestFriend] member); this is what a host that owns the
    // context calls, reached by reflection because this test project compiles against the real ML.NET.
    private static void CancelExecution(MLContext ml)
    {
        MethodInfo cancel = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("MLContext.CancelExecution not found");
        cancel.Invoke(ml, null);
    }
}
