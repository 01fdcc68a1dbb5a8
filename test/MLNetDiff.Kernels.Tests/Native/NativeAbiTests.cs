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
/// <c>src/Native/include/mlnetdiff.h</c> list the same entry points with the same return and parameter types in the
/// same order; every integer <c>#define</c> of the header has a managed counterpart with the same value (and back); the
/// API versions agree. Needs only the header, not the library.</summary>
[TestClass]
public sealed unsafe partial class NativeAbiTests
{
    private const string HeaderPath = "src/Native/include/mlnetdiff.h";

    /// <summary>Each group of header constants and the managed type that mirrors it (an enum, or a static class of
    /// <c>const int</c>s). Names match after dropping the prefix and underscores, case-insensitively.</summary>
    private static readonly (string Prefix, Type Managed)[] ConstantGroups =
    [
        ("MLND_ACT_", typeof(Activation)),
        ("MLND_ISA_", typeof(NativeIsa)),
        ("MLND_ERR_", typeof(NativeStatus)),
        ("MLND_OK", typeof(NativeStatus)),
    ];

    /// <summary>Header defines that are not values of a group.</summary>
    private static readonly string[] NotConstants = ["MLND_API_VERSION", "MLND_EXPORT", "MLNETDIFF_H"];

    [TestMethod]
    public void Declarations_MatchHeaderExports()
    {
        Dictionary<string, Export> header = HeaderExports(File.ReadAllText(FindHeader()));
        Dictionary<string, MethodInfo> managed = typeof(NativeMethods)
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(method => method.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .ToDictionary(method => method.Name);

        Assert.IsTrue(header.Count > 20, $"Parsed only {header.Count} exports from the header.");
        string missing = string.Join(", ", header.Keys.Except(managed.Keys).Order(StringComparer.Ordinal));
        string extra = string.Join(", ", managed.Keys.Except(header.Keys).Order(StringComparer.Ordinal));
        Assert.AreEqual(string.Empty, missing, "Exports of mlnetdiff.h without a NativeMethods declaration.");
        Assert.AreEqual(string.Empty, extra, "NativeMethods declarations that mlnetdiff.h does not export.");
        foreach ((string name, Export export) in header)
        {
            MethodInfo method = managed[name];
            ParameterInfo[] parameters = method.GetParameters();
            Assert.AreEqual(export.Parameters.Count, parameters.Length, $"Parameter count of {name}.");
            Assert.AreEqual(ManagedType(export.ReturnType, name), method.ReturnType, $"Return type of {name} ({export.ReturnType}).");
            for (int i = 0; i < parameters.Length; i++)
            {
                (string cType, string cName) = export.Parameters[i];
                Assert.AreEqual(ManagedType(cType, name), parameters[i].ParameterType,
                    $"Parameter {i} of {name}: '{cType} {cName}' is declared as {parameters[i].ParameterType} '{parameters[i].Name}'.");
            }
        }
    }

    [TestMethod]
    public void Constants_MatchHeaderDefines()
    {
        Dictionary<string, long> defines = HeaderConstants(File.ReadAllText(FindHeader()));
        Assert.IsTrue(defines.Count >= 14, $"Parsed only {defines.Count} constants from the header.");
        string ungrouped = string.Join(", ", defines.Keys
            .Where(name => !NotConstants.Contains(name) && !ConstantGroups.Any(g => name.StartsWith(g.Prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal));
        Assert.AreEqual(string.Empty, ungrouped, "Header constants with no managed counterpart group in NativeAbiTests.ConstantGroups.");

        foreach (Type managedType in ConstantGroups.Select(g => g.Managed).Distinct())
        {
            Dictionary<string, long> managed = ManagedConstants(managedType);
            var fromHeader = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach ((string prefix, Type type) in ConstantGroups.Where(g => g.Managed == managedType))
            {
                foreach ((string name, long value) in defines.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    string suffix = name.Length == prefix.Length ? prefix.TrimEnd('_')["MLND_".Length..] : name[prefix.Length..];
                    fromHeader.Add(Normalize(suffix), value);
                }
            }
            foreach ((string name, long value) in fromHeader)
            {
                Assert.IsTrue(managed.TryGetValue(name, out long actual), $"{managedType.Name} has no member for the header's {name}.");
                Assert.AreEqual(value, actual, $"{managedType.Name}.{name} differs from the header.");
            }
            string extraMembers = string.Join(", ", managed.Keys.Except(fromHeader.Keys).Order(StringComparer.Ordinal));
            Assert.AreEqual(string.Empty, extraMembers, $"{managedType.Name} members the header does not define.");
        }
    }

    [TestMethod]
    public void ApiVersion_MatchesHeader()
    {
        Match match = ApiVersionPattern().Match(File.ReadAllText(FindHeader()));
        Assert.IsTrue(match.Success, "MLND_API_VERSION not found in the header.");
        Assert.AreEqual(NativeMethods.ApiVersion, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The parser itself: a type mismatch in a declaration is reported, not skipped.</summary>
    [TestMethod]
    public void Parser_ReadsTypesAndNames()
    {
        Dictionary<string, Export> exports = HeaderExports(
            "/* c */ MLND_EXPORT const char* mlnd_x(void);\nMLND_EXPORT mlnd_status mlnd_y(int64_t n, const float *x, float* out, // z\n uint64_t seed);");
        Assert.AreEqual("const char*", exports["mlnd_x"].ReturnType);
        Assert.AreEqual(0, exports["mlnd_x"].Parameters.Count);
        CollectionAssert.AreEqual(new[] { ("int64_t", "n"), ("const float*", "x"), ("float*", "out"), ("uint64_t", "seed") },
            exports["mlnd_y"].Parameters.ToArray());
        Assert.AreEqual(typeof(float*), ManagedType("const float*", "t"));
        Assert.AreEqual(typeof(nint), ManagedType("const char*", "t"));
        Assert.AreNotEqual(typeof(int), ManagedType("int64_t", "t"));
        Assert.ThrowsExactly<AssertFailedException>(() => ManagedType("double", "t"));
    }

    /// <summary>A C export: its return type and its (type, name) parameters, types with spaces normalised ("const float*").</summary>
    internal sealed record Export(string ReturnType, IReadOnlyList<(string Type, string Name)> Parameters);

    /// <summary>Name → signature of every <c>MLND_EXPORT</c> function (comments stripped first).</summary>
    internal static Dictionary<string, Export> HeaderExports(string text)
    {
        text = StripComments(text);
        var exports = new Dictionary<string, Export>(StringComparer.Ordinal);
        foreach (Match match in ExportPattern().Matches(text))
        {
            string parameters = match.Groups[3].Value.Trim();
            var list = new List<(string, string)>();
            if (parameters.Length != 0 && parameters != "void")
            {
                foreach (string parameter in parameters.Split(','))
                {
                    Match p = ParameterPattern().Match(NormalizeType(parameter));
                    Assert.IsTrue(p.Success, $"Cannot parse parameter '{parameter.Trim()}' of {match.Groups[2].Value}.");
                    list.Add((p.Groups[1].Value.Trim(), p.Groups[2].Value));
                }
            }
            exports.Add(match.Groups[2].Value, new Export(NormalizeType(match.Groups[1].Value), list));
        }
        return exports;
    }

    /// <summary>Every <c>#define NAME integer</c> of the header.</summary>
    internal static Dictionary<string, long> HeaderConstants(string text)
    {
        var constants = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match match in DefinePattern().Matches(StripComments(text)))
            constants[match.Groups[1].Value] = long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return constants;
    }

    /// <summary>The C type's P/Invoke counterpart (blittable only: LibraryImport with no marshalling).</summary>
    internal static Type ManagedType(string cType, string function) => NormalizeType(cType).Replace("const ", "", StringComparison.Ordinal) switch
    {
        "int32_t" or "mlnd_status" => typeof(int),
        "int64_t" => typeof(long),
        "uint64_t" => typeof(ulong),
        "float" => typeof(float),
        "float*" => typeof(float*),
        "char*" => typeof(nint),
        "void" => typeof(void),
        _ => throw new AssertFailedException($"{function}: C type '{cType}' has no mapping in NativeAbiTests.ManagedType."),
    };

    private static Dictionary<string, long> ManagedConstants(Type type) => type.IsEnum
        ? Enum.GetValues(type).Cast<object>().ToDictionary(v => Normalize(Enum.GetName(type, v)!), v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture))
        : type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(int))
            .ToDictionary(field => Normalize(field.Name), field => Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture));

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string NormalizeType(string type) => Spaces().Replace(PointerSpaces().Replace(type.Trim(), "*"), " ").Replace("* ", "*", StringComparison.Ordinal)
        .Replace("*", "* ", StringComparison.Ordinal).Trim();

    private static string StripComments(string text) => LineComment().Replace(BlockComment().Replace(text, " "), " ");

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

    [GeneratedRegex(@"MLND_EXPORT\s+([\w\s\*]*?)\b(mlnd_\w+)\s*\(([^)]*)\)")]
    private static partial Regex ExportPattern();

    [GeneratedRegex(@"^(.*?)\s*\b(\w+)$")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"^\s*#define\s+(\w+)\s+(-?\d+)\b", RegexOptions.Multiline)]
    private static partial Regex DefinePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\*")]
    private static partial Regex PointerSpaces();

    [GeneratedRegex(@"#define\s+MLND_API_VERSION\s+(\d+)")]
    private static partial Regex ApiVersionPattern();
}
