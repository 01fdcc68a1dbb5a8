namespace MLNetDiff.Cli.Data;

/// <summary>Column names of the in-memory views the trainers see.</summary>
internal static class ColumnNames
{
    /// <summary>Features: a known-size vector of Single.</summary>
    public const string Features = "Features";

    /// <summary>The label as Single 0/1 (AnyLoss and the BCE twin).</summary>
    public const string Label = "Label";

    /// <summary>The same label as Boolean (ML.NET's binary trainers need a Boolean label).</summary>
    public const string LabelBool = "LabelBool";

    /// <summary>The label as an ML.NET key (multiclass classes, clustering classes for NMI), made by MapValueToKey from
    /// <see cref="LabelText"/>.</summary>
    public const string LabelKey = "LabelKey";

    /// <summary>The label cell as text (class names of multiclass and clustering labels; the raw cell when evaluating).</summary>
    public const string LabelText = "LabelText";

    /// <summary>The ranking group cell as text.</summary>
    public const string GroupText = "GroupText";

    /// <summary>The ranking group as an ML.NET key (ML.NET's default group column name), made by MapValueToKey from
    /// <see cref="GroupText"/>.</summary>
    public const string GroupId = "GroupId";

    /// <summary>The score column every predictor writes (a Single, or a vector for multiclass and clustering).</summary>
    public const string Score = "Score";

    /// <summary>The predicted-label column of ML.NET's binary, multiclass and clustering prediction transformers.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
