using System.Linq;
using System.Reflection;
using MLNetDiff.Testing.Contract;

namespace MLNetDiff.Onnx.Tests;

/// <summary>No internal ML.NET type in MLNetDiff.Onnx's public API, checked against the real ML.NET assemblies loaded at
/// run time (the publicized copies are compile-time only).</summary>
[TestClass]
public sealed class OnnxPublicApiTests
{
    [TestMethod]
    public void PublicApi_MentionsNoInternalMlNetType()
    {
        Assembly assembly = typeof(OnnxExportOptions).Assembly;
        Assert.IsTrue(assembly.GetTypes().Count(t => t.IsVisible) >= 2, "OnnxExportCatalog and OnnxExportOptions are public");
        var leaks = PublicApiChecker.FindLeaks(assembly.GetTypes());
        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }
}
