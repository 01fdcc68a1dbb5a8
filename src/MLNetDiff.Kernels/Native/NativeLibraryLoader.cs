using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MLNetDiff.Kernels.Native;

/// <summary>
/// Finds and loads libmlnetdiff, and checks its API version. The search order is: the file named by
/// <c>MLNETDIFF_NATIVE_PATH</c>; next to this assembly; <c>runtimes/&lt;rid&gt;/native</c> below it (NuGet
/// layout); then the operating system's own search. Any failure leaves a reason, never an exception.
/// </summary>
internal static class NativeLibraryLoader
{
    private static readonly object Gate = new();
    private static bool _attempted;
    private static bool _loaded;
    private static string _failure = "not attempted";

    /// <summary>True when the library loaded and its API version matches.</summary>
    public static bool TryLoad(out string failure)
    {
        lock (Gate)
        {
            if (!_attempted)
            {
                _attempted = true;
                _loaded = Load(out _failure);
            }
            failure = _failure;
            return _loaded;
        }
    }

    private static bool Load(out string failure)
    {
        IntPtr handle = IntPtr.Zero;
        try
        {
            handle = Probe();
            if (handle == IntPtr.Zero)
            {
                failure = $"lib{NativeMethods.LibraryName} was not found (build without -p:SkipNative=true, or set MLNETDIFF_NATIVE_PATH)";
                return false;
            }
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly,
                (name, _, _) => name == NativeMethods.LibraryName ? handle : IntPtr.Zero);
            int version = NativeMethods.mlnd_api_version();
            if (version != NativeMethods.ApiVersion)
            {
                failure = $"lib{NativeMethods.LibraryName} has API version {version}, this assembly needs {NativeMethods.ApiVersion}";
                return false;
            }
            failure = string.Empty;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            failure = $"lib{NativeMethods.LibraryName} could not be loaded: {e.Message}";
            return false;
        }
    }

    private static IntPtr Probe()
    {
        string? explicitPath = Environment.GetEnvironmentVariable("MLNETDIFF_NATIVE_PATH");
        if (!string.IsNullOrEmpty(explicitPath))
            return NativeLibrary.TryLoad(explicitPath, out IntPtr h) ? h : IntPtr.Zero;

        string fileName = OperatingSystem.IsWindows() ? $"{NativeMethods.LibraryName}.dll"
            : OperatingSystem.IsMacOS() ? $"lib{NativeMethods.LibraryName}.dylib"
            : $"lib{NativeMethods.LibraryName}.so";
        string dir = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location) ?? AppContext.BaseDirectory;
        foreach (string candidate in new[]
                 {
                     Path.Combine(dir, fileName),
                     Path.Combine(dir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", fileName),
                     Path.Combine(AppContext.BaseDirectory, fileName),
                 })
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out IntPtr h))
                return h;
        }
        return NativeLibrary.TryLoad(NativeMethods.LibraryName, typeof(NativeLibraryLoader).Assembly,
            DllImportSearchPath.SafeDirectories, out IntPtr found) ? found : IntPtr.Zero;
    }
}
