using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Nn.Data;
using MLNetDiff.Nn.Tests.Helpers;

namespace MLNetDiff.Nn.Tests.Data;

[TestClass]
public sealed class DataViewLoaderTests
{
    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class DoubleLabelRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
        public double Label { get; set; }
    }

    private sealed class KeyRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    [TestMethod]
    public void LoadsDenseValuesAndBooleanLabels()
    {
        var view = new SyntheticDataView(20, 4, 1);
        InMemoryDataset data = DataViewLoader.LoadInMemory(view);
        Assert.AreEqual(20, data.RowCount);
        Assert.AreEqual(4, data.FeatureCount);
        for (int r = 0; r < 20; r++)
        {
            float sum = 0;
            for (int f = 0; f < 4; f++)
            {
                Assert.AreEqual(view.Value(r, f), data.GetFeatures(r)[f]);
                sum += view.Value(r, f);
            }
            Assert.AreEqual(sum > 0 ? 1f : 0f, data.GetLabels(r)[0]);
        }
        Assert.IsTrue(data.IsBinary);
    }

    [TestMethod]
    public void SparseVectorsAreDensified()
    {
        var view = new SyntheticDataView(5, 5, 2, sparse: true);
        InMemoryDataset data = DataViewLoader.LoadInMemory(view);
        for (int r = 0; r < 5; r++)
        {
            for (int f = 0; f < 5; f++)
                Assert.AreEqual(f % 2 == 0 ? view.Value(r, f) : 0f, data.GetFeatures(r)[f]);
        }
    }

    [TestMethod]
    public void NaNFeatureNamesTheColumnAndRow()
    {
        var view = new SyntheticDataView(10, 3, 3, nanRow: 6);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => DataViewLoader.LoadInMemory(view));
        StringAssert.Contains(e.Message, "feature column 'Features' at row 6");
        StringAssert.Contains(e.Message, "NaN in slot");
        InMemoryDataset skipped = DataViewLoader.LoadInMemory(view, new DataOptions { SkipNonFiniteRows = true });
        Assert.AreEqual(9, skipped.RowCount);
    }

    [TestMethod]
    public void MissingColumnsAreNamed()
    {
        var view = new SyntheticDataView(3, 2, 1);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view, new DataOptions { FeatureColumnName = "Pixels" }));
        StringAssert.Contains(e.Message, "Could not find feature column 'Pixels'");
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view, new DataOptions { LabelColumnName = "Target" }));
        StringAssert.Contains(e.Message, "Could not find label column 'Target'");
        Assert.AreEqual(0, DataViewLoader.LoadInMemory(view, new DataOptions { LabelColumnName = null }).LabelSize);
    }

    [TestMethod]
    public void WrongLabelTypeIsRejected()
    {
        var view = new SyntheticDataView(3, 2, 1, labelType: NumberDataViewType.Double);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view));
        StringAssert.Contains(e.Message, "Schema mismatch for label column 'Label'");
        StringAssert.Contains(e.Message, "got Double");
        var context = new MLContext(0);
        IDataView doubles = context.Data.LoadFromEnumerable([new DoubleLabelRow { Features = [1, 2], Label = 1 }]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(doubles));
    }

    [TestMethod]
    public void VariableSizeFeaturesAreRejected()
    {
        var context = new MLContext(0);
        IDataView view = context.Data.LoadFromEnumerable([new VariableRow { Features = [1, 2], Label = 1 }]);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DataViewLoader.LoadInMemory(view));
        StringAssert.Contains(e.Message, "feature column 'Features'");
        StringAssert.Contains(e.Message, "got a variable-size Vector<Single>");
    }

    [TestMethod]
    public void KeyLabelsBecomeClassIndices()
    {
        var context = new MLContext(0);
        IDataView raw = context.Data.LoadFromEnumerable([
            new KeyRow { Features = [1, 2], Label = "b" },
            new KeyRow { Features = [3, 4], Label = "a" },
            new KeyRow { Features = [5, 6], Label = "c" },
        ]);
        IDataView keyed = context.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        InMemoryDataset data = DataViewLoader.LoadInMemory(keyed);
        CollectionAssert.AreEqual(new[] { 0f, 1f, 2f }, data.Labels.ToArray());
    }

    [TestMethod]
    public void CacheLimitDecidesBetweenMemoryAndStreaming()
    {
        var view = new SyntheticDataView(1000, 4, 1);
        Assert.IsNotNull(DataViewLoader.TryLoadInMemory(view, new DataOptions { CacheLimitBytes = 1000 * 5 * 4 }));
        Assert.IsNull(DataViewLoader.TryLoadInMemory(view, new DataOptions { CacheLimitBytes = 1000 * 5 * 4 - 1 }));
        Assert.IsNull(DataViewLoader.TryLoadInMemory(view, new DataOptions { CacheLimitBytes = 0 }));
    }
}
