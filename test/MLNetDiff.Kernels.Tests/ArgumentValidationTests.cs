using System;

namespace MLNetDiff.Kernels.Tests;

/// <summary>Invalid arguments throw <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/>
/// naming the parameter, on every backend (validation lives in <see cref="KernelBackend"/>; these tests make
/// sure no backend bypasses it or fails differently).</summary>
[TestClass]
public sealed class ArgumentValidationTests
{
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void InvalidArguments_ThrowNamingTheParameter(KernelBackendKind kind)
    {
        float[] six = new float[6];
        float[] five = new float[5];
        float[] two = new float[2];
        float[] three = new float[3];
        AdamParameters adam = new(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1);
        TestBackends.ForEach(kind, (b, label) =>
        {
            // Sizes.
            Expect<ArgumentOutOfRangeException>("rows", label, () => b.Softmax(-1, 3, six, six));
            Expect<ArgumentOutOfRangeException>("cols", label, () => b.LogSoftmax(2, -3, six, six));
            Expect<ArgumentOutOfRangeException>("m", label, () => b.Gemm(false, false, -1, 2, 2, 1f, six, 2, six, 2, 0f, six, 2));
            Expect<ArgumentOutOfRangeException>("k", label, () => b.Gemm(false, false, 1, 2, -2, 1f, six, 2, six, 2, 0f, six, 2));
            Expect<ArgumentOutOfRangeException>("m", label, () => b.SquaredEuclideanDistances(-1, 1, 1, six, six, six));
            Expect<ArgumentOutOfRangeException>("n", label, () => b.SquaredEuclideanDistances(1, -1, 1, six, six, six));
            Expect<ArgumentOutOfRangeException>("d", label, () => b.SquaredEuclideanDistances(1, 1, -1, six, six, six));

            // Spans too short.
            Expect<ArgumentException>("x", label, () => b.Softmax(2, 3, five, six));
            Expect<ArgumentException>("y", label, () => b.Softmax(2, 3, six, five));
            Expect<ArgumentException>("x", label, () => b.BiasActivationForward(Activation.Relu, 0f, 2, 3, five, three, six));
            Expect<ArgumentException>("bias", label, () => b.BiasActivationForward(Activation.Relu, 0f, 2, 3, six, two, six));
            Expect<ArgumentException>("z", label, () => b.BiasActivationBackward(Activation.Relu, 0f, 2, 3, five, [], six, six, []));
            Expect<ArgumentException>("y", label, () => b.BiasActivationBackward(Activation.Sigmoid, 0f, 2, 3, six, [], six, six, []));
            Expect<ArgumentException>("dy", label, () => b.BiasActivationBackward(Activation.Identity, 0f, 2, 3, [], [], five, six, []));
            Expect<ArgumentException>("dz", label, () => b.BiasActivationBackward(Activation.Identity, 0f, 2, 3, [], [], six, five, []));
            Expect<ArgumentException>("dbias", label, () => b.BiasActivationBackward(Activation.Identity, 0f, 2, 3, [], [], six, six, two));
            Expect<ArgumentException>("destination", label, () => b.LogSumExp(3, 2, six, two));
            Expect<ArgumentException>("destination", label, () => b.ColumnSums(2, 3, six, two));
            Expect<ArgumentException>("destination", label, () => b.SquaredEuclideanDistances(2, 3, 1, two, three, five));
            Expect<ArgumentException>("y", label, () => b.Dot(six, five));
            Expect<ArgumentException>("a", label, () => b.Gemm(false, false, 2, 2, 3, 1f, five, 3, six, 2, 0f, six, 2));
            Expect<ArgumentException>("c", label, () => b.Gemm(false, false, 2, 3, 2, 1f, six, 2, six, 3, 0f, five, 3));

            // Leading dimensions too small.
            Expect<ArgumentOutOfRangeException>("lda", label, () => b.Gemm(false, false, 2, 2, 3, 1f, six, 2, six, 2, 0f, six, 2));
            Expect<ArgumentOutOfRangeException>("lda", label, () => b.Gemm(true, false, 3, 2, 2, 1f, six, 2, six, 2, 0f, six, 2));
            Expect<ArgumentOutOfRangeException>("ldb", label, () => b.Gemm(false, true, 2, 3, 2, 1f, six, 2, six, 1, 0f, six, 3));
            Expect<ArgumentOutOfRangeException>("ldc", label, () => b.Gemm(false, false, 2, 3, 2, 1f, six, 2, six, 3, 0f, six, 2));

            // Unknown activation.
            Expect<ArgumentOutOfRangeException>("activation", label, () => b.BiasActivationForward((Activation)6, 0f, 1, 1, six, [], six));
            Expect<ArgumentOutOfRangeException>("activation", label, () => b.BiasActivationBackward((Activation)(-1), 0f, 1, 1, six, six, six, six, []));

            // Adam: lengths and parameters.
            Expect<ArgumentException>("gradients", label, () => b.AdamUpdate(six, five, six, six, adam));
            Expect<ArgumentException>("m", label, () => b.AdamUpdate(six, six, five, six, adam));
            Expect<ArgumentException>("v", label, () => b.AdamUpdate(six, six, six, five, adam));
            Expect<ArgumentOutOfRangeException>("parameters", label, () => b.AdamUpdate(six, six, six, six, adam with { Step = 0 }));
            Expect<ArgumentOutOfRangeException>("parameters", label, () => b.AdamUpdate(six, six, six, six, adam with { Beta1 = 1f }));
            Expect<ArgumentOutOfRangeException>("parameters", label, () => b.AdamUpdate(six, six, six, six, adam with { Beta2 = float.NaN }));
            Expect<ArgumentOutOfRangeException>("parameters", label, () => b.AdamUpdate(six, six, six, six, adam with { Epsilon = 0f }));

            // Threads.
            Expect<ArgumentOutOfRangeException>("maxThreads", label, () => b.WithMaxThreads(0));
            Expect<ArgumentOutOfRangeException>("maxThreads", label, () => b.WithMaxThreads(-2));
        });
    }

    /// <summary>Even an invalid call on empty sizes is rejected before any work (no partial writes).</summary>
    [TestMethod]
    [DynamicData(nameof(TestBackends.Kinds), typeof(TestBackends))]
    public void InvalidCall_LeavesOutputsUntouched(KernelBackendKind kind)
    {
        TestBackends.ForEach(kind, (b, label) =>
        {
            float[] y = [1f, 2f, 3f, 4f, 5f];
            Assert.ThrowsExactly<ArgumentException>(() => b.BiasActivationForward(Activation.Relu, 0f, 2, 3, new float[6], [], y));
            CollectionAssert.AreEqual(new[] { 1f, 2f, 3f, 4f, 5f }, y, label);
        });
    }

    private static void Expect<TException>(string parameter, string label, Action call)
        where TException : ArgumentException
    {
        TException e = Assert.ThrowsExactly<TException>(call, $"{label}: expected {typeof(TException).Name} for '{parameter}'.");
        Assert.AreEqual(parameter, e.ParamName, $"{label}: {e.Message}");
    }
}
