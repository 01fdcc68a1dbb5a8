using System.Collections.Generic;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// An output column a component must produce: its name, its type as <c>DataViewType.ToString()</c> prints it
/// (e.g. "Vector&lt;Single, 3&gt;", "Key&lt;UInt32, 0-2&gt;"), the annotations it must carry, and optionally the
/// value of its <c>ScoreColumnKind</c> annotation (e.g. "Clustering").
/// </summary>
public sealed record ExpectedColumn(string Name, string Type, IReadOnlyList<string> Annotations, string? ScoreColumnKind = null)
{
    /// <summary>The score annotations every trainer output column carries.</summary>
    public static readonly IReadOnlyList<string> ScoreAnnotations = ["ScoreColumnSetId", "ScoreColumnKind", "ScoreValueKind"];
}
