using System;
using System.Threading;
using MLNetDiff.Kernels.Native;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Thread budgets are immutable per backend object: <see cref="KernelBackend.WithMaxThreads"/> gives a view,
/// the original keeps its budget, and views of the native backend apply their budget to the calling thread only.</summary>
[TestClass]
public sealed class ThreadBudgetTests
{
    private static KernelBackend Get(KernelBackendKind kind) => kind switch
    {
        KernelBackendKind.Native => KernelBackends.Native
            ?? throw new AssertInconclusiveException($"Native backend unavailable: {KernelBackends.NativeUnavailableReason}"),
        _ => KernelBackends.Get(kind),
    };

    [TestMethod]
    [DataRow(KernelBackendKind.Scalar)]
    [DataRow(KernelBackendKind.Managed)]
    [DataRow(KernelBackendKind.Native)]
    public void WithMaxThreads_GivesAViewAndLeavesTheOriginalAlone(KernelBackendKind kind)
    {
        KernelBackend backend = Get(kind);
        int original = backend.MaxThreads;
        Assert.AreSame(backend, backend.WithMaxThreads(original), "the same budget needs no new object");

        KernelBackend three = backend.WithMaxThreads(3);
        Assert.AreNotSame(backend, three);
        Assert.AreEqual(3, three.MaxThreads);
        Assert.AreEqual(kind, three.Kind);
        Assert.AreEqual(original, backend.MaxThreads, "the original's budget must not change");
        Assert.AreEqual(1, three.WithMaxThreads(1).MaxThreads);
        StringAssert.Contains(three.Description, "3", three.Description);
    }

    [TestMethod]
    [DataRow(KernelBackendKind.Managed)]
    [DataRow(KernelBackendKind.Native)]
    public void ConcurrentViewsWithDifferentBudgets_GiveTheSameBits(KernelBackendKind kind)
    {
        KernelBackend backend = Get(kind);
        int original = backend.MaxThreads;
        const int m = 200, n = 160, k = 180;
        float[] a = TestData.Uniform(m * k, -1, 1, 3);
        float[] b = TestData.Uniform(k * n, -1, 1, 4);
        float[] reference = new float[m * n];
        KernelBackends.Scalar.Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, reference, n);
        float[] expected = new float[m * n];
        backend.WithMaxThreads(1).Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, expected, n);

        int mismatches = 0;
        var threads = new Thread[4];
        for (int t = 0; t < threads.Length; t++)
        {
            KernelBackend view = backend.WithMaxThreads(1 + t % 2);
            threads[t] = new Thread(() =>
            {
                float[] c = new float[m * n];
                for (int i = 0; i < 20; i++)
                {
                    view.Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
                    if (!c.AsSpan().SequenceEqual(expected))
                        Interlocked.Increment(ref mismatches);
                }
            });
            threads[t].Start();
        }
        foreach (Thread thread in threads)
            thread.Join();
        Assert.AreEqual(0, mismatches, "GEMMs of views with budgets 1 and 2 running at once must give the 1-thread bits");
        Assert.AreEqual(original, backend.MaxThreads);
        NumericAssert.Close(reference, expected, Tolerance.Gemm(k, k, 0), "against the scalar reference");
    }

    /// <summary>The library keeps the budget per calling thread; the backend sets it before each threaded kernel, so a
    /// view used earlier on a thread never leaks its budget into the next call of another view there, nor into
    /// another thread.</summary>
    [TestMethod]
    public void NativeBudget_IsAppliedPerCallAndPerThread()
    {
        if (KernelBackends.Native is not NativeBackend native)
        {
            Assert.Inconclusive($"Native backend unavailable: {KernelBackends.NativeUnavailableReason}");
            return;
        }
        float[] x = TestData.Uniform(64, -1, 1, 5), y = new float[64];
        native.WithMaxThreads(3).Softmax(8, 8, x, y);
        Assert.AreEqual(3, NativeMethods.mlnd_threads_get(), "the view's budget on this thread");

        int other = 0;
        var thread = new Thread(() => other = NativeMethods.mlnd_threads_get());
        thread.Start();
        thread.Join();
        Assert.IsTrue(other is >= 1 and <= 2, $"another thread keeps the library's default, got {other}");

        native.Softmax(8, 8, x, y);
        Assert.AreEqual(native.MaxThreads, NativeMethods.mlnd_threads_get(), "the shared backend's own budget again");
    }
}
