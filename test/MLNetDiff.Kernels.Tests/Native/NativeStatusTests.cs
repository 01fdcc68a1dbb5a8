using System;
using MLNetDiff.Kernels.Native;

namespace MLNetDiff.Kernels.Tests.Native;

/// <summary>Native failures become .NET exceptions through <see cref="NativeStatus"/>: entry points are called
/// directly (the managed API would reject these arguments before the library sees them).</summary>
[TestClass]
public sealed unsafe class NativeStatusTests
{
    [TestMethod]
    public void InvalidArgument_MapsToArgumentException_WithTheNativeMessage()
    {
        RequireNative();
        float result;
        (string Call, int Status)[] calls =
        [
            ("softmax rows = -1", NativeMethods.mlnd_rows_softmax(-1, 3, null, null)),
            ("sum of 5 elements at null", NativeMethods.mlnd_reduce_sum(5, null, &result)),
            ("activation 42", NativeMethods.mlnd_act_bias_forward(42, 0f, 1, 1, &result, null, &result)),
            ("gemm lda < k", NativeMethods.mlnd_gemm_sgemm(0, 0, 1, 1, 2, 1f, &result, 1, &result, 1, 0f, &result, 1)),
            ("adam step 0", NativeMethods.mlnd_optim_adam(1, &result, &result, &result, &result, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 0, 0)),
        ];
        foreach ((string call, int status) in calls)
        {
            Assert.AreEqual(NativeStatus.InvalidArgument, status, $"{call}: status");
            // The message is thread-local and read right after the failing call.
            ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => NativeStatus.Check(status), call);
            Assert.IsTrue(e.Message.Contains("status 1", StringComparison.Ordinal), $"{call}: {e.Message}");
            Assert.IsFalse(e.Message.Contains("no message", StringComparison.Ordinal), $"{call}: the library left no error message: {e.Message}");
        }
    }

    [TestMethod]
    public void UnsupportedIsa_IsRejected_AndLeavesTheActiveLevel()
    {
        RequireNative();
        int active = NativeMethods.mlnd_isa_active();
        int status = NativeMethods.mlnd_isa_set(NativeMethods.mlnd_isa_supported() + 1);
        Assert.AreNotEqual(NativeStatus.Ok, status, "setting an ISA above the supported one must fail");
        Exception e = Assert.Throws<Exception>(() => NativeStatus.Check(status));
        Assert.IsInstanceOfType(e, status == NativeStatus.Unsupported ? typeof(NotSupportedException) : typeof(ArgumentException), e.Message);
        Assert.AreEqual(active, NativeMethods.mlnd_isa_active());
        var backend = (NativeBackend)KernelBackends.Native!;
        Exception viaBackend = Assert.Throws<Exception>(() => backend.ActiveIsa = NativeBackend.SupportedIsa + 1);
        Assert.IsTrue(viaBackend is NotSupportedException or ArgumentException, viaBackend.ToString());
        Assert.AreEqual(active, backend.ActiveIsa);
    }

    [TestMethod]
    public void SuccessfulCall_LeavesNoError()
    {
        RequireNative();
        float result;
        float[] x = [1f, 2f, 3f];
        fixed (float* px = x)
            Assert.AreEqual(NativeStatus.Ok, NativeMethods.mlnd_reduce_sum(3, px, &result));
        Assert.AreEqual(6f, result);
        Assert.AreEqual(NativeMethods.ApiVersion, NativeMethods.mlnd_api_version());
        Assert.IsTrue(NativeMethods.mlnd_isa_active() <= NativeMethods.mlnd_isa_supported());
    }

    private static void RequireNative()
    {
        if (KernelBackends.Native is null)
            Assert.Inconclusive($"Native backend unavailable: {KernelBackends.NativeUnavailableReason}");
    }
}
