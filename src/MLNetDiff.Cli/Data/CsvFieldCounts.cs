using System;
using System.IO;

namespace MLNetDiff.Cli.Data;

/// <summary>
/// Checks that every data row of a CSV has as many fields as the header. TextLoader cannot: with a fixed column list it
/// drops the fields after the last column and reads a missing field as an empty value, so a decimal comma ("29,7")
/// silently shifts every later value one column to the right. Fields are split as TextLoader splits them with
/// <c>AllowQuoting</c>: a separator inside double quotes belongs to the value. Blank lines are skipped, as TextLoader
/// skips them, so data row numbers match the ones in value errors.
/// </summary>
internal static class CsvFieldCounts
{
    public static void Check(string path, char separator, int headerFields)
    {
        int line = 0, row = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (line == 1 || string.IsNullOrWhiteSpace(text))
                continue;
            row++;
            int fields = Count(text, separator);
            if (fields == headerFields)
                continue;
            string name = Path.GetFileName(path);
            string why = fields > headerFields
                ? "a decimal comma or an unquoted separator inside a value splits it in two (quote such values or use '.' for decimals)"
                : "every row needs a value for every column";
            throw new CliException(
                $"Data row {row} (line {line}) of '{name}' has {fields} fields but the header has {headerFields} columns; {why}.");
        }
    }

    /// <summary>The fields of one line (the header), split where <see cref="Count"/> counts, each trimmed and unquoted.</summary>
    internal static string[] Split(string line, char separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new System.Collections.Generic.List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"')
                quoted = !quoted;
            else if (i == line.Length || (line[i] == separator && !quoted))
            {
                string field = line[start..i].Trim();
                if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
                    field = field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
                fields.Add(field.Trim());
                start = i + 1;
            }
        }
        return fields.ToArray();
    }

    /// <summary>Fields of one line: separators outside double quotes, plus one.</summary>
    internal static int Count(ReadOnlySpan<char> line, char separator)
    {
        int fields = 1;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
                quoted = !quoted; // a doubled quote inside a quoted value toggles twice
            else if (c == separator && !quoted)
                fields++;
        }
        return fields;
    }
}
