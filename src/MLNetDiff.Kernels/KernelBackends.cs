using System;
using MLNetDiff.Kernels.Managed;
using MLNetDiff.Kernels.Native;
using MLNetDiff.Kernels.Scalar;

namespace MLNetDiff.Kernels;

/// <summary>
/// The available kernel backends and the process-wide default. The default is the native backend when
/// libmlnetdiff loads with a matching API version, otherwise the managed SIMD backend; the environment
/// variable <c>MLNETDIFF_BACKEND</c> = <c>native</c> | <c>managed</c> | <c>scalar</c> forces one (managed and scalar
/// also keep the native library from loading, so <see cref="Native"/> is null).
/// </summary>
public static class KernelBackends
{
    /// <summary>Name of the environment variable that forces a backend.</summary>
    public const string EnvironmentVariable = "MLNETDIFF_BACKEND";

    private static readonly Lazy<KernelBackend> LazyScalar = new(() => new ScalarBackend());
    private static readonly Lazy<KernelBackend> LazyManaged = new(() => new ManagedBackend());
    private static readonly Lazy<(KernelBackend? Backend, string Failure)> LazyNative = new(() =>
    {
        // Forcing a managed or scalar backend turns the native library off entirely (it is not even loaded),
        // so a run with MLNETDIFF_BACKEND=managed is what a machine without libmlnetdiff would see.
        string? forced = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(forced) && Parse(forced) != KernelBackendKind.Native)
            return (null, $"disabled by {EnvironmentVariable}={forced.Trim()}");
        NativeBackend? backend = NativeBackend.TryCreate(out string failure);
        return (backend, failure);
    });
    private static readonly Lazy<KernelBackend> LazyDefault = new(ChooseDefault);

    /// <summary>The plain-loop reference backend.</summary>
    public static KernelBackend Scalar => LazyScalar.Value;

    /// <summary>The managed SIMD backend (always available).</summary>
    public static KernelBackend Managed => LazyManaged.Value;

    /// <summary>The native backend, or null when libmlnetdiff is unavailable (see <see cref="NativeUnavailableReason"/>).</summary>
    public static KernelBackend? Native => LazyNative.Value.Backend;

    /// <summary>Why <see cref="Native"/> is null; empty when it is available.</summary>
    public static string NativeUnavailableReason => LazyNative.Value.Failure;

    /// <summary>A warning for a user whose environment asked for something that did not happen: set when
    /// <c>MLNETDIFF_NATIVE_PATH</c> names a library that could not be used (missing file, a folder, wrong build or API
    /// version) and the default backend fell back to managed; null otherwise. Tools print it and trainers log it, so a
    /// mistyped path is not a silent slowdown. Reading it loads the native library (once per process).</summary>
    public static string? ConfigurationWarning
    {
        get
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NativeLibraryLoader.PathVariable)))
                return null;
            string? forced = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(forced))
                return null; // MLNETDIFF_BACKEND decides (and forcing native throws with the reason).
            return Native is null
                ? $"{NativeLibraryLoader.PathVariable} is set, but the native kernel backend is unavailable: {NativeUnavailableReason}; using the managed backend"
                : null;
        }
    }

    /// <summary>The backend used when a component is not given one explicitly.</summary>
    public static KernelBackend Default => LazyDefault.Value;

    /// <summary>The backend of the given kind; throws <see cref="InvalidOperationException"/> with the reason
    /// when the native backend was asked for and cannot be loaded.</summary>
    public static KernelBackend Get(KernelBackendKind kind) => kind switch
    {
        KernelBackendKind.Scalar => Scalar,
        KernelBackendKind.Managed => Managed,
        KernelBackendKind.Native => Native ?? throw new InvalidOperationException(
            $"The native kernel backend is unavailable: {NativeUnavailableReason}."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown backend kind."),
    };

    /// <summary>Parses a backend name as accepted by <c>MLNETDIFF_BACKEND</c> (case-insensitive).</summary>
    public static KernelBackendKind Parse(string name) => name.Trim().ToUpperInvariant() switch
    {
        "NATIVE" => KernelBackendKind.Native,
        "MANAGED" => KernelBackendKind.Managed,
        "SCALAR" => KernelBackendKind.Scalar,
        _ => throw new ArgumentException(
            $"Unknown kernel backend '{name}'; expected native, managed or scalar.", nameof(name)),
    };

    private static KernelBackend ChooseDefault()
    {
        string? forced = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(forced))
            return Get(Parse(forced));
        return Native ?? Managed;
    }
}
