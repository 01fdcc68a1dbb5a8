using System;
using System.Collections.Generic;
using MLNetDiff.Kernels.Managed;
using MLNetDiff.Kernels.Native;

namespace MLNetDiff.Kernels.Tests;

/// <summary>
/// The backends under test. Every cross-backend test takes a <see cref="KernelBackendKind"/> from <see cref="Kinds"/>
/// and runs its body once per <see cref="BackendVariant"/>: managed at every vector width this machine accelerates
/// (Vector512 → scalar), native at every ISA level the library supports. When the native library is missing the
/// native cases end as Inconclusive with <see cref="KernelBackends.NativeUnavailableReason"/>, never as a silent pass.
/// Reference results come from <see cref="KernelBackends.Scalar"/>.
/// </summary>
public static class TestBackends
{
    /// <summary>Data source for <c>[DynamicData]</c>: one test case per backend kind.</summary>
    public static IEnumerable<object[]> Kinds { get; } =
    [
        [KernelBackendKind.Managed],
        [KernelBackendKind.Native],
    ];

    internal static KernelBackend Scalar => KernelBackends.Scalar;

    /// <summary>The variants of one kind; Inconclusive for native when the library is unavailable.</summary>
    internal static IReadOnlyList<BackendVariant> Variants(KernelBackendKind kind)
    {
        var variants = new List<BackendVariant>();
        switch (kind)
        {
            case KernelBackendKind.Managed:
                for (SimdLevel level = SimdLevels.Hardware; level >= SimdLevel.Scalar; level--)
                    variants.Add(new BackendVariant(new ManagedBackend(level), $"managed {SimdLevels.Name(level)}", null));
                break;
            case KernelBackendKind.Native:
                if (KernelBackends.Native is not NativeBackend native)
                {
                    Assert.Inconclusive($"Native backend unavailable: {KernelBackends.NativeUnavailableReason}");
                    return variants;
                }
                for (int isa = NativeBackend.SupportedIsa; isa >= 0; isa--)
                    variants.Add(new BackendVariant(native, $"native {NativeBackend.IsaName(isa)}", isa));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a backend under test.");
        }
        return variants;
    }

    /// <summary>Runs <paramref name="body"/> once per variant of <paramref name="kind"/>.</summary>
    internal static void ForEach(KernelBackendKind kind, Action<KernelBackend, string> body)
    {
        foreach (BackendVariant variant in Variants(kind))
        {
            using (variant.Activate())
                body(variant.Backend, variant.Label);
        }
    }
}

/// <summary>One backend configuration; <see cref="Activate"/> selects it (the native ISA level is process-wide
/// state, restored on dispose).</summary>
internal sealed class BackendVariant(KernelBackend backend, string label, int? isa)
{
    public KernelBackend Backend { get; } = backend;

    public string Label { get; } = label;

    public override string ToString() => Label;

    public IDisposable Activate()
    {
        if (isa is not int level || Backend is not NativeBackend native)
            return NoRestore.Instance;
        int previous = native.ActiveIsa;
        native.ActiveIsa = level;
        return new IsaRestore(native, previous);
    }

    private sealed class NoRestore : IDisposable
    {
        public static readonly NoRestore Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class IsaRestore(NativeBackend native, int previous) : IDisposable
    {
        public void Dispose() => native.ActiveIsa = previous;
    }
}
