namespace MLNetDiff.Cli.Data;

/// <summary>One text value: the rows of the key data given to MapValueToKey (class names, group ids).</summary>
public sealed class TextRow
{
    /// <summary>The value.</summary>
    public string Value { get; set; } = string.Empty;
}
