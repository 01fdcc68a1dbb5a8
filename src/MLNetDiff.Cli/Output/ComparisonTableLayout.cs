using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MLNetDiff.Cli.Output;

/// <summary>
/// Fits the interactive compare table to the terminal. Spectre.Console breaks a cell at any character when its column is
/// narrower than the cell's longest word, which split trainer names mid-word at 80 columns. So every column is laid out
/// here, without wrapping, in the first of these forms that fits: "mean ± std" on one line; the std on a second line;
/// that with trainer names broken after their '-' and before their '+'; that with short headers; means only (the std left to --json and
/// wider terminals).
/// </summary>
internal sealed record ComparisonTableLayout(string[] Headers, string[][] Rows, bool StdShown)
{
    /// <summary>Characters a rounded/square Spectre border and padding add: one per column plus one, two per column.</summary>
    internal static int Width(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        int width = 1;
        for (int c = 0; c < headers.Count; c++)
        {
            int widest = rows.Select(r => LongestLine(r[c])).Append(LongestLine(headers[c])).Max();
            width += widest + 3;
        }
        return width;
    }

    /// <param name="names">Trainer names.</param>
    /// <param name="headers">Full metric headers (without the trainer column), then TrainSeconds.</param>
    /// <param name="shortHeaders">Short forms of <paramref name="headers"/>.</param>
    /// <param name="cells">Per trainer, per metric: (mean, std) formatted; null for a failed trainer.</param>
    /// <param name="failedCell">Text of a failed trainer's cells.</param>
    /// <param name="width">Terminal columns.</param>
    public static ComparisonTableLayout Fit(IReadOnlyList<string> names, IReadOnlyList<string> headers,
        IReadOnlyList<string> shortHeaders, IReadOnlyList<(string Mean, string Std)[]?> cells, string failedCell, int width)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(cells);
        ComparisonTableLayout? last = null;
        // Broken names are as wide as the widest part any name has (an unbreakable "LbfgsLogisticRegression" sets it).
        int nameWidth = names.Select(n => Parts(n).Max(p => p.Length)).DefaultIfEmpty(0).Max();
        foreach ((bool breakNames, bool shortNames, string separator, bool std) in new[]
                 {
                     (false, false, " ± ", true), (false, false, "\n± ", true), (true, false, "\n± ", true),
                     (true, true, "\n± ", true), (true, true, string.Empty, false),
                 })
        {
            string[] h = ["trainer", .. shortNames ? shortHeaders : headers];
            string[][] rows = names.Select((name, t) => (string[])[
                breakNames ? BreakName(name, nameWidth) : name,
                .. cells[t] is { } c
                    ? c.Select(x => std ? x.Mean + separator + x.Std : x.Mean)
                    : Enumerable.Repeat(failedCell, headers.Count)]).ToArray();
            last = new ComparisonTableLayout(h, rows, std);
            if (Width(h, rows) <= width)
                return last;
        }
        return last!;
    }

    /// <summary>"AnyLoss-BalancedAccuracy+ThresholdSearch" → lines "AnyLoss-", "BalancedAccuracy", "+ThresholdSearch":
    /// breaks only after '-' and before '+', packing parts into lines of at most <paramref name="width"/> characters (a
    /// part longer than that gets its own line).</summary>
    internal static string BreakName(string name, int width)
    {
        var text = new StringBuilder();
        int lineLength = 0;
        foreach (string part in Parts(name))
        {
            if (lineLength > 0 && lineLength + part.Length > width)
            {
                text.Append('\n');
                lineLength = 0;
            }
            text.Append(part);
            lineLength += part.Length;
        }
        return text.ToString();
    }

    private static List<string> Parts(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = new List<string>();
        int start = 0;
        for (int i = 1; i < name.Length; i++)
        {
            if (name[i] == '+' || name[i - 1] == '-')
            {
                parts.Add(name[start..i]);
                start = i;
            }
        }
        parts.Add(name[start..]);
        return parts;
    }

    private static int LongestLine(string text) => text.Split('\n').Max(l => l.Length);
}
