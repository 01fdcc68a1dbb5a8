using System.IO;
using System.Linq;

namespace MLNetDiff.Cli.Tests.Helpers;

/// <summary>Small CSVs cut from the bundled real data.</summary>
internal static class Subsets
{
    /// <summary>The header and the first <paramref name="perClass"/> rows of each class of WDBC (positives first).</summary>
    public static string Wdbc(TempFiles temp, string name, int perClass)
    {
        string[] lines = File.ReadAllLines(Tool.Wdbc);
        string[] rows = [lines[0], .. lines.Skip(1).Where(l => l.StartsWith("1,")).Take(perClass),
            .. lines.Skip(1).Where(l => l.StartsWith("0,")).Take(perClass)];
        return temp.Write(name, string.Join('\n', rows) + "\n");
    }
}
