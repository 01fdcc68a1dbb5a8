using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MLNetDiff.Kernels.Native;

/// <summary>
/// Finds and loads libmlnetdiff, and checks its API version. The search order is: the file named by
/// <c>MLNETDIFF_NATIVE_PATH</c>; next to this assembly; <c>runtimes/&lt;rid&gt;/native</c> below it (NuGet
/// layout); then the operating system's own search. Any failure leaves a reason, never an exception. A path in
/// <c>MLNETDIFF_NATIVE_PATH</c> is the only place looked at: when it cannot be loaded, the reason names it (and
/// <see cref="KernelBackends.ConfigurationWarning"/> reports it), rather than a copy found elsewhere standing in.
/// </summary>
internal static class NativeLibraryLoader
{
    /// <summary>The environment variable that names the library file to load.</summary>
    public const string PathVariable = "MLNETDIFF_NATIVE_PATH";

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
            string? explicitPath = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrEmpty(explicitPath))
            {
                // The user named a file: load that one or say why not; never a different copy found elsewhere.
                if (!TryLoadExplicit(explicitPath, out handle, out failure))
                    return false;
            }
            else
            {
                handle = Probe();
                if (handle == IntPtr.Zero)
                {
                    failure = $"lib{NativeMethods.LibraryName} was not found (build without -p:SkipNative=true, or set {PathVariable})";
                    return false;
                }
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

    /// <summary>Loads the file <c>MLNETDIFF_NATIVE_PATH</c> names; the failure names the variable, the path and the
    /// loader's own reason.</summary>
    internal static bool TryLoadExplicit(string path, out IntPtr handle, out string failure)
    {
        handle = IntPtr.Zero;
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            failure = Directory.Exists(full)
                ? $"{PathVariable}='{path}' is a folder; it must name the library file itself (lib{NativeMethods.LibraryName}.so, .dylib or {NativeMethods.LibraryName}.dll)"
                : $"{PathVariable}='{path}' names no file ({full} does not exist)";
            return false;
        }
        try
        {
            handle = NativeLibrary.Load(full);
            failure = string.Empty;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            failure = $"{PathVariable}='{path}' could not be loaded: {e.Message}";
            return false;
        }
    }

    private static IntPtr Probe()
    {
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
