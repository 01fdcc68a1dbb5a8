using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MLNetDiff.Kernels.Managed;
using MLNetDiff.Kernels.Native;
using MLNetDiff.Kernels.Scalar;

namespace MLNetDiff.Kernels.Tests;

/// <summary>The kernel recipe (docs/kernels.md): every <c>...Core</c> of <see cref="KernelBackend"/> is virtual with the
/// scalar reference as its body, so a kernel can land with its reference only. Which kernels still run the reference
/// on the managed or the native backend is written down here, so that neither a forgotten override nor a stale entry
/// goes unnoticed.</summary>
[TestClass]
public sealed class KernelCoverageTests
{
    /// <summary>Kernels that have landed with the scalar reference only, per backend (empty: every kernel has its own
    /// managed and native code). Add a kernel's Core name here when it lands managed-first; remove it when the
    /// backend gets its override.</summary>
    private static readonly Dictionary<Type, string[]> RunsTheReference = new()
    {
        [typeof(ManagedBackend)] = [],
        [typeof(NativeBackend)] = [],
    };

    private static MethodInfo[] Cores() => typeof(KernelBackend)
        .GetMethods(BindingFlags.Instance | BindingFlags.NonPublic)
        .Where(method => method.DeclaringType == typeof(KernelBackend) && method.Name.EndsWith("Core", StringComparison.Ordinal)
            && method.Name != "WithMaxThreadsCore")
        .ToArray();

    private static bool Overrides(Type backend, MethodInfo core)
    {
        MethodInfo? method = backend.GetMethod(core.Name, BindingFlags.Instance | BindingFlags.NonPublic,
            core.GetParameters().Select(p => p.ParameterType).ToArray());
        Assert.IsNotNull(method, $"{backend.Name} has no {core.Name}");
        return method.DeclaringType == backend;
    }

    [TestMethod]
    public void EveryCoreIsVirtualWithAReferenceBody()
    {
        MethodInfo[] cores = Cores();
        Assert.IsTrue(cores.Length >= 15, $"found only {cores.Length} Core methods");
        foreach (MethodInfo core in cores)
        {
            Assert.IsTrue(core.IsVirtual && !core.IsAbstract, $"{core.Name} must be virtual with the scalar reference as its body");
            Assert.IsTrue(core.IsFamilyAndAssembly, $"{core.Name} must be private protected");
        }
    }

    [TestMethod]
    public void ScalarBackendIsTheReferenceItself() =>
        Assert.AreEqual(string.Empty, string.Join(", ", Cores().Where(core => Overrides(typeof(ScalarBackend), core)).Select(c => c.Name)),
            "the scalar backend must not override a kernel: the reference bodies are its code");

    [TestMethod]
    [DataRow(typeof(ManagedBackend))]
    [DataRow(typeof(NativeBackend))]
    public void OnlyTheListedKernelsRunTheReference(Type backend)
    {
        string[] expected = [.. RunsTheReference[backend].Order(StringComparer.Ordinal)];
        string[] actual = [.. Cores().Where(core => !Overrides(backend, core)).Select(core => core.Name).Order(StringComparer.Ordinal)];
        CollectionAssert.AreEqual(expected, actual,
            $"{backend.Name} runs the scalar reference for [{string.Join(", ", actual)}] but the list says [{string.Join(", ", expected)}]");
    }
}
