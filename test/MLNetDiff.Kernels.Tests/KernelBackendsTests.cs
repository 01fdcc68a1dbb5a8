using System;

namespace MLNetDiff.Kernels.Tests;

/// <summary><see cref="KernelBackends"/>: parsing, the default, and the native failure message.</summary>
[TestClass]
public sealed class KernelBackendsTests
{
    [TestMethod]
    [DataRow("native", KernelBackendKind.Native)]
    [DataRow("Managed", KernelBackendKind.Managed)]
    [DataRow(" SCALAR ", KernelBackendKind.Scalar)]
    public void Parse_AcceptsNamesCaseInsensitively(string name, KernelBackendKind expected) =>
        Assert.AreEqual(expected, KernelBackends.Parse(name));

    [TestMethod]
    [DataRow("gpu")]
    [DataRow("")]
    [DataRow("native2")]
    public void Parse_RejectsUnknownNames(string name)
    {
        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => KernelBackends.Parse(name));
        Assert.AreEqual("name", e.ParamName);
    }

    [TestMethod]
    public void Default_IsNativeWhenAvailable_ElseManaged()
    {
        string? forced = Environment.GetEnvironmentVariable(KernelBackends.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(forced))
        {
            Assert.AreEqual(KernelBackends.Parse(forced), KernelBackends.Default.Kind, $"{KernelBackends.EnvironmentVariable}={forced}");
            if (KernelBackends.Parse(forced) != KernelBackendKind.Native)
            {
                // Forcing managed/scalar keeps libmlnetdiff from loading: the run sees what a machine without it sees.
                Assert.IsNull(KernelBackends.Native);
                StringAssert.Contains(KernelBackends.NativeUnavailableReason, KernelBackends.EnvironmentVariable);
            }
            return;
        }
        Assert.AreSame(KernelBackends.Native ?? KernelBackends.Managed, KernelBackends.Default);
    }

    [TestMethod]
    public void Get_ReturnsTheSingletons()
    {
        Assert.AreSame(KernelBackends.Scalar, KernelBackends.Get(KernelBackendKind.Scalar));
        Assert.AreSame(KernelBackends.Managed, KernelBackends.Get(KernelBackendKind.Managed));
        Assert.AreEqual(KernelBackendKind.Scalar, KernelBackends.Scalar.Kind);
        Assert.AreEqual(KernelBackendKind.Managed, KernelBackends.Managed.Kind);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => KernelBackends.Get((KernelBackendKind)42));
    }

    [TestMethod]
    public void GetNative_ExplainsWhyItIsUnavailable()
    {
        KernelBackend? native = KernelBackends.Native;
        if (native is not null)
        {
            Assert.AreSame(native, KernelBackends.Get(KernelBackendKind.Native));
            Assert.AreEqual(KernelBackendKind.Native, native.Kind);
            Assert.AreEqual(string.Empty, KernelBackends.NativeUnavailableReason);
            return;
        }
        Assert.IsFalse(string.IsNullOrWhiteSpace(KernelBackends.NativeUnavailableReason), "an unavailable native backend must say why");
        InvalidOperationException e = Assert.ThrowsExactly<InvalidOperationException>(() => KernelBackends.Get(KernelBackendKind.Native));
        Assert.IsTrue(e.Message.Contains(KernelBackends.NativeUnavailableReason, StringComparison.Ordinal), e.Message);
    }

    [TestMethod]
    public void Descriptions_NameTheBackend()
    {
        StringAssertContains(KernelBackends.Scalar.Description, "scalar");
        StringAssertContains(KernelBackends.Managed.Description, "managed");
        Assert.AreEqual(KernelBackends.Managed.Description, KernelBackends.Managed.ToString());
        if (KernelBackends.Native is KernelBackend native)
            StringAssertContains(native.Description, "native");
    }

    private static void StringAssertContains(string value, string part) =>
        Assert.IsTrue(value.Contains(part, StringComparison.Ordinal), $"'{value}' does not contain '{part}'.");
}
