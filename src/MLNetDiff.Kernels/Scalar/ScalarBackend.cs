namespace MLNetDiff.Kernels.Scalar;

/// <summary>
/// The reference backend: every kernel is the default body of its <c>...Core</c> method in <see cref="KernelBackend"/>,
/// i.e. <see cref="ScalarKernels"/>, so this class overrides none. Every other backend is tested against it; it favours
/// clarity over speed and never uses SIMD or threads.
/// </summary>
internal sealed class ScalarBackend : KernelBackend
{
    /// <summary>The reference with a budget of 1 thread.</summary>
    public ScalarBackend()
        : this(1)
    {
    }

    /// <summary>The kernels never use threads whatever the budget; a larger budget only tells callers that
    /// parallelise over the backend (data-parallel training steps) that they may.</summary>
    private ScalarBackend(int maxThreads)
        : base(maxThreads)
    {
    }

    public override KernelBackendKind Kind => KernelBackendKind.Scalar;

    public override string Description => $"scalar reference, kernels on 1 thread, budget {MaxThreads}";

    private protected override KernelBackend WithMaxThreadsCore(int maxThreads) => new ScalarBackend(maxThreads);
}
