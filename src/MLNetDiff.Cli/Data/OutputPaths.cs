using System;
using System.IO;

namespace MLNetDiff.Cli.Data;

/// <summary>Whether an output path names an input file, so a command can refuse to overwrite its own input.</summary>
internal static class OutputPaths
{
    /// <summary>True when both paths resolve to the same file (full paths; symbolic links followed when the file exists;
    /// case ignored where the file system usually ignores it).</summary>
    public static bool Same(string output, string input)
    {
        if (string.IsNullOrWhiteSpace(output) || string.IsNullOrWhiteSpace(input))
            return false;
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Resolve(output), Resolve(input), comparison);
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            if (File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            // An unreadable link: compare the path as given.
        }
        return full;
    }
}
