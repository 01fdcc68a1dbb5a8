using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Nn.Data;
using MLNetDiff.Tests.Contract;
using MLNetDiff.Tests.Contract.Cases;

namespace MLNetDiff.Tests.Classification;

/// <summary>
/// The AnyLoss contract's bad inputs through the engine's one reader, cached and streamed: both paths must raise the
/// exception type and message parts the contract expects, and the same error as each other, so a component that
/// streams passes the contract as AnyLoss (in memory) does. The contract's streamed case
/// (<see cref="StreamedBinaryCase"/>) is checked to really stream.
/// </summary>
[TestClass]
public sealed class StreamedReaderContractTests
{
    // Bad inputs rejected before the reader runs, by rules that are not the reader's:
    private static readonly Dictionary<string, string> NotReaderErrors = new()
    {
        // The engine reads a Single scalar as one feature; ML.NET's own Fit check rejects it for a trainer first.
        ["scalar feature column"] = "the engine accepts scalar features",
        // The binary label rules (Boolean or 0/1 Single, both classes) are BinaryTrainingData's, checked before reading.
        ["label of Double"] = "binary label rule",
        ["label with one class only"] = "binary label rule",
    };

    [TestMethod]
    public void StreamedAndCachedPathsRaiseTheContractErrors()
    {
        var c = new AnyLossCase();
        var ml = new MLContext(1);
        IDataView train = c.PreprocessedTrain(ml);
        int checkedInputs = 0;
        foreach (BadInput bad in c.BadInputs().Where(b => b.Phase == BadInputPhase.Fit))
        {
            if (NotReaderErrors.ContainsKey(bad.Description))
                continue;
            IDataView data = bad.MakeData(ml, train);
            var options = new DataOptions { FeatureColumnName = "Features", LabelColumnName = "Label" };
            Exception cached = Catch(() => DataViewLoader.LoadInMemory(data, options), bad, "cached");
            var streamedOptions = options.Clone();
            streamedOptions.CacheLimitBytes = 0;
            streamedOptions.ShuffleBufferRows = 64;
            Exception streamed = Catch(() =>
            {
                using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(data, streamedOptions, BatchOrder.Stratified, seed: 1);
                var x = new float[32 * source.FeatureCount];
                var y = new float[32];
                while (source.NextBatch(32, x, y) > 0)
                {
                }
            }, bad, "streamed");
            Assert.AreEqual(cached.GetType(), streamed.GetType(), bad.Description);
            Assert.AreEqual(cached.Message, streamed.Message, bad.Description);
            checkedInputs++;
        }
        Assert.AreEqual(4, checkedInputs, "missing column, Double features, NaN feature, no rows");
    }

    [TestMethod]
    public void StreamedCase_ReadsTheDataAgainEveryEpoch_WhileAnyLossReadsItOnce()
    {
        // A cached reader opens one cursor; a streamed one opens a fresh cursor per epoch (plus its label pass), so the
        // count tells the two apart without looking inside the trainer.
        var ml = new MLContext(1);
        var streamedCase = new StreamedBinaryCase();
        var streamed = new CursorCountingView(streamedCase.PreprocessedTrain(ml));
        streamedCase.CreateComponent(ml).Fit(streamed);
        Assert.IsGreaterThanOrEqualTo(StreamedBinaryCase.Epochs + 1, streamed.Cursors, "epochs + the label pass");

        var anyLossCase = new AnyLossCase();
        var cached = new CursorCountingView(anyLossCase.PreprocessedTrain(ml));
        anyLossCase.CreateComponent(ml).Fit(cached);
        Assert.IsLessThan(StreamedBinaryCase.Epochs, cached.Cursors, "AnyLoss reads its rows into memory");
    }

    private static Exception Catch(Action action, BadInput bad, string path)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            Assert.IsInstanceOfType(e, bad.Exception, $"{bad.Description} ({path}): {e}");
            foreach (string part in bad.MessageContains)
                StringAssert.Contains(e.Message, part, $"{bad.Description} ({path})");
            return e;
        }
        Assert.Fail($"{bad.Description} ({path}): nothing was thrown");
        return null!;
    }

    /// <summary>Counts the cursors opened on a view.</summary>
    private sealed class CursorCountingView(IDataView inner) : IDataView
    {
        public int Cursors { get; private set; }

        public bool CanShuffle => inner.CanShuffle;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursorSet(columnsNeeded, n, rand);
        }
    }
}
