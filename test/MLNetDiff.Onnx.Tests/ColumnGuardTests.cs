using System;
using System.Linq;
using Microsoft.ML;
using MLNetDiff.Onnx.Tests.Helpers;

namespace MLNetDiff.Onnx.Tests;

/// <summary>The guard ExportToOnnx puts after each step: when ML.NET's converter has skipped a column the step writes
/// (as ML.NET's normalizer does for CDF and binning columns), the export fails naming the step and the column.</summary>
[TestClass]
public sealed class ColumnGuardTests
{
    [TestMethod]
    public void MissingColumn_FailsNamingTheStepAndColumn()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "haberman");
        var guard = new OnnxColumnGuard(data, ["Features", "Score"], "step 2 of 3 (NormalizingTransformer)");
        var e = Assert.Throws<NotSupportedException>(() => guard.SaveAsOnnx(new KnownColumnsContext("Features")));
        StringAssert.Contains(e.Message, "step 2 of 3 (NormalizingTransformer) did not write column 'Score'");
    }

    [TestMethod]
    public void EveryColumnPresent_PassesAndWritesNothing()
    {
        var ml = new MLContext(1);
        IDataView data = Datasets.Binary(ml, "haberman");
        var guard = new OnnxColumnGuard(data, ["Features", "Score"], "step 1 of 1 (X)");
        // Any other use of the context would throw (OnnxProbeContext): the guard only asks.
        guard.SaveAsOnnx(new KnownColumnsContext("Features", "Score"));
        Assert.AreSame(data.Schema, guard.Schema);
    }

    /// <summary>A context that knows some columns and refuses everything else.</summary>
    private sealed class KnownColumnsContext(params string[] columns) : OnnxProbeContext
    {
        public override bool ContainsColumn(string colName) => columns.Contains(colName);
    }
}
