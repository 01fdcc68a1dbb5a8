using System;
using System.Runtime.InteropServices;

namespace MLNetDiff.Kernels.Native;

/// <summary>The one place where a native status code becomes an exception. The constants are the C ABI's
/// <c>MLND_OK</c> / <c>MLND_ERR_*</c> (<c>NativeAbiTests</c> checks the values).</summary>
internal static class NativeStatus
{
    public const int Ok = 0;
    public const int InvalidArgument = 1;
    public const int Unsupported = 2;
    public const int OutOfMemory = 3;
    public const int Internal = 4;

    /// <summary>Throws for any non-zero status, with the native thread's last error message.</summary>
    public static void Check(int status)
    {
        if (status != Ok)
            Throw(status);
    }

    private static void Throw(int status)
    {
        string message = Marshal.PtrToStringUTF8(NativeMethods.mlnd_last_error()) ?? string.Empty;
        if (message.Length == 0)
            message = "no message";
        string text = $"libmlnetdiff failed with status {status}: {message}";
        throw status switch
        {
            InvalidArgument => new ArgumentException(text),
            Unsupported => new NotSupportedException(text),
            OutOfMemory => new OutOfMemoryException(text),
            _ => new InvalidOperationException(text),
        };
    }
}
