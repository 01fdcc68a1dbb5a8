namespace MLNetDiff.Cli.Data;

/// <summary>One row of the in-memory views: features, the label as Single and as Boolean, and (in views with text
/// columns) the label and group cells as text.</summary>
public sealed class FeatureRow
{
    /// <summary>The label: 0/1, a number, or a class index.</summary>
    public float Label { get; set; }

    /// <summary>The label as Boolean (label &gt; 0.5).</summary>
    public bool LabelBool { get; set; }

    /// <summary>The label as text: the class name, or the number in round-trip form.</summary>
    public string LabelText { get; set; } = string.Empty;

    /// <summary>The ranking group's id as text (empty without a group column).</summary>
    public string GroupText { get; set; } = string.Empty;

#pragma warning disable CA1819 // ML.NET maps a vector column to an array property.
    /// <summary>The features (the schema gives the vector its known size).</summary>
    public float[] Features { get; set; } = [];
#pragma warning restore CA1819
}
