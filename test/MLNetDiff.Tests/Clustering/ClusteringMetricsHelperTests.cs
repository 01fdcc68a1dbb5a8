namespace MLNetDiff.Tests.Clustering;

/// <summary>The test metrics on spec C's hand-checked vectors (so the acceptance tests measure what they claim).</summary>
[TestClass]
public sealed class ClusteringMetricsHelperTests
{
    [TestMethod]
    public void HandCheckedVectors()
    {
        int[] y = [0, 0, 1, 2], c = [0, 0, 1, 1];
        Assert.AreEqual(4.0 / 7, ClusteringTestData.AdjustedRandIndex(y, c), 1e-12);
        Assert.AreEqual(0.75, ClusteringTestData.Accuracy(y, c, 3), 1e-12);
    }
}
