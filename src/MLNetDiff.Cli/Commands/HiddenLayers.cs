using System;
using System.Globalization;

namespace MLNetDiff.Cli.Commands;

/// <summary>Parses --hidden: comma-separated layer sizes ("64,32"), or "linear"/"none" for no hidden layer.</summary>
internal static class HiddenLayers
{
    /// <summary>Largest hidden layer. Checked up front: 100000000 units used to run for seconds and end in an
    /// OverflowException (weight counts exceed Int32); 4096² weights between two such layers still fit easily.</summary>
    public const int MaxLayerSize = 4096;

    public static bool TryParse(string? text, out int[] sizes, out string error)
    {
        sizes = [];
        error = string.Empty;
        string value = text?.Trim() ?? string.Empty;
        if (value.Equals("linear", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase))
            return true;
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1
                || sizes[i] > MaxLayerSize)
            {
                error = $"--hidden '{value}' is not a list of layer sizes in [1, {MaxLayerSize}] such as 64,32 (or 'linear').";
                sizes = [];
                return false;
            }
        }
        return true;
    }
}
