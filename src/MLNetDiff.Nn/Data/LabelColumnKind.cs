namespace MLNetDiff.Nn.Data;

/// <summary>The kind of label column read from an <c>IDataView</c>.</summary>
public enum LabelColumnKind
{
    /// <summary>No label column.</summary>
    None = 0,
    /// <summary>A Single scalar (regression target or 0/1 binary label).</summary>
    Single = 1,
    /// <summary>A Boolean, read as 0 or 1.</summary>
    Boolean = 2,
    /// <summary>A key of UInt32, read as the class index key − 1 (key 0 means missing).</summary>
    Key = 3,
    /// <summary>A known-size vector of Single (multi-output targets).</summary>
    Vector = 4,
}
