using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MLNetDiff.Kernels.Native;

namespace MLNetDiff.Kernels.Tests.Native;

/// <summary>The P/Invoke declarations of <see cref="NativeMethods"/> and the <c>MLND_EXPORT</c> functions of
/// <c>src/Native/include/mlnetdiff.h</c> list the same entry points, with the same number of parameters, and the
/// API versions agree. Needs only the header, not the library.</summary>
[TestClass]
public sealed partial class NativeAbiTests
{
    private const string HeaderPath = "src/Native/include/mlnetdiff.h";

    [TestMethod]
    public void Declarations_MatchHeaderExports()
    {
        Dictionary<string, int> header = HeaderExports(File.ReadAllText(FindHeader()));
        Dictionary<string, int> managed = typeof(NativeMethods)
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(method => method.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .ToDictionary(method => method.Name, method => method.GetParameters().Length);

        Assert.IsTrue(header.Count > 20, $"Parsed only {header.Count} exports from the header.");
        string missing = string.Join(", ", header.Keys.Except(managed.Keys).Order(StringComparer.Ordinal));
        string extra = string.Join(", ", managed.Keys.Except(header.Keys).Order(StringComparer.Ordinal));
        Assert.AreEqual(string.Empty, missing, "Exports of mlnetdiff.h without a NativeMethods declaration.");
        Assert.AreEqual(string.Empty, extra, "NativeMethods declarations that mlnetdiff.h does not export.");
        foreach ((string name, int count) in header)
            Assert.AreEqual(count, managed[name], $"Parameter count of {name}.");
    }

    [TestMethod]
    public void ApiVersion_MatchesHeader()
    {
        Match match = ApiVersionPattern().Match(File.ReadAllText(FindHeader()));
        Assert.IsTrue(match.Success, "MLND_API_VERSION not found in the header.");
        Assert.AreEqual(NativeMethods.ApiVersion, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Name → parameter count of every <c>MLND_EXPORT</c> function (comments stripped first).</summary>
    internal static Dictionary<string, int> HeaderExports(string text)
    {
        text = BlockComment().Replace(text, " ");
        text = LineComment().Replace(text, " ");
        var exports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in ExportPattern().Matches(text))
        {
            string parameters = match.Groups[2].Value.Trim();
            int count = parameters.Length == 0 || parameters == "void" ? 0 : parameters.Split(',').Length;
            exports.Add(match.Groups[1].Value, count);
        }
        return exports;
    }

    /// <summary>Walks up from the test's base directory to the repository root; builds whose output lives
    /// outside the tree ($MLND_ARTIFACTS) fall back to the root recorded at build time.</summary>
    internal static string FindHeader()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNetDiff.sln")) || File.Exists(Path.Combine(dir.FullName, HeaderPath)))
            {
                string candidate = Path.Combine(dir.FullName, HeaderPath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        string? recorded = typeof(NativeAbiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, HeaderPath)))
            return Path.Combine(recorded, HeaderPath);
        Assert.Fail($"{HeaderPath} not found above {AppContext.BaseDirectory} nor under the build's RepoRoot '{recorded}'.");
        return string.Empty;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"MLND_EXPORT\s+[\w\s\*]*?\b(mlnd_\w+)\s*\(([^)]*)\)")]
    private static partial Regex ExportPattern();

    [GeneratedRegex(@"#define\s+MLND_API_VERSION\s+(\d+)")]
    private static partial Regex ApiVersionPattern();
}
