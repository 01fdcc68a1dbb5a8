using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using MLNetDiff.FeatureSelection;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>The fit under an ML.NET host: per-epoch messages on MLContext.Log and cancellation within a step.</summary>
[TestClass]
public sealed class GumbelHostTests
{
    [TestMethod]
    public void EpochsAreLoggedAndCancelExecutionStopsTheFit()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.Cache(GumbelTestData.Binary(ml, 300, 10, 2, 16));
        const int Epochs = 100_000;
        int lastEpoch = 0;
        using var third = new ManualResetEventSlim();
        ml.Log += (_, e) =>
        {
            if (!e.Source.Contains(GumbelFeatureSelectionEstimator.LoadName, StringComparison.Ordinal) || !e.Message.Contains("] epoch ", StringComparison.Ordinal))
                return;
            int start = e.Message.IndexOf("] epoch ", StringComparison.Ordinal) + 8;
            Volatile.Write(ref lastEpoch, int.Parse(e.Message.AsSpan(start, e.Message.IndexOf('/', start) - start), System.Globalization.CultureInfo.InvariantCulture));
            if (Volatile.Read(ref lastEpoch) == 3)
                third.Set();
        };
        var estimator = ml.Transforms.FeatureSelection.SelectFeaturesGumbel(new GumbelFeatureSelectionEstimator.Options { Seed = 1, NumberOfEpochs = Epochs });
        Task<GumbelFeatureSelectionTransformer> fit = Task.Run(() => estimator.Fit(data));
        Assert.IsTrue(third.Wait(TimeSpan.FromMinutes(2)), "epoch 3 was never logged");
        MethodInfo cancel = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("MLContext.CancelExecution not found");
        cancel.Invoke(ml, null);
        AggregateException error = Assert.ThrowsExactly<AggregateException>(() => fit.Wait(TimeSpan.FromMinutes(2)));
        Assert.IsInstanceOfType<OperationCanceledException>(error.InnerException, error.ToString());
        Assert.IsLessThan(Epochs / 10, Volatile.Read(ref lastEpoch), "stopped within a few epochs of the cancel");
    }
}
