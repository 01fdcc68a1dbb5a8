using System;

namespace MLNetDiff.Nn.Data;

/// <summary>How training data is read from an ML.NET <c>IDataView</c>.</summary>
public sealed class DataOptions
{
    /// <summary>Default cache limit: 256 MiB of dense floats.</summary>
    public const long DefaultCacheLimitBytes = 256L << 20;

    /// <summary>Default shuffle buffer: 10,000 rows.</summary>
    public const int DefaultShuffleBufferRows = 10_000;

    /// <summary>The features column: a known-size vector of Single (sparse vectors are densified) or a Single scalar.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The label column: Single, Boolean (→ 0/1), a key of UInt32 (→ class index key − 1) or a known-size
    /// vector of Single; null for unlabelled data.</summary>
    public string? LabelColumnName { get; set; } = "Label";

    /// <summary>The row-weight column: a Single scalar, finite and ≥ 0; null (default) for unweighted rows. Weights
    /// multiply each row's contribution to the losses and metrics, which are normalised by the sum of the weights.</summary>
    public string? WeightColumnName { get; set; }

    /// <summary>The group (query) column: a key of UInt32 or a UInt32 scalar; null (default) for no groups. Rows of a group
    /// must be contiguous and groups must come in increasing id order (what <c>MapValueToKey</c> gives a column whose
    /// groups are contiguous: keys follow first occurrence); see <see cref="InMemoryGroupBatchSource"/>.</summary>
    public string? GroupColumnName { get; set; }

    /// <summary>The feature column's role in error messages ("feature"; a transform reads its "input" column).</summary>
    public string FeatureColumnRole { get; set; } = "feature";

    /// <summary>Largest dataset, in bytes of dense floats (features + labels), that is cached in memory; data that fits
    /// is read once and shuffled with an exact per-epoch permutation. Larger data, or any data when this is 0, is
    /// streamed: memory is then bounded by the batch and the shuffle buffer, never by the row count.</summary>
    public long CacheLimitBytes { get; set; } = DefaultCacheLimitBytes;

    /// <summary>Rows held by the streaming shuffle buffer (like tf.data's shuffle buffer): each emitted row is a uniform
    /// pick among the buffered rows. 1 disables shuffling of streamed data.</summary>
    public int ShuffleBufferRows { get; set; } = DefaultShuffleBufferRows;

    /// <summary>Skip rows with a NaN or infinite feature, label or weight, a negative weight or a missing key label instead
    /// of throwing. (Group errors always throw: dropping rows cannot repair a group order.)</summary>
    public bool SkipNonFiniteRows { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FeatureColumnName))
            throw new ArgumentException($"{nameof(FeatureColumnName)} must name a column.", nameof(FeatureColumnName));
        if (LabelColumnName is not null && string.IsNullOrWhiteSpace(LabelColumnName))
            throw new ArgumentException($"{nameof(LabelColumnName)} must name a column or be null.", nameof(LabelColumnName));
        if (WeightColumnName is not null && string.IsNullOrWhiteSpace(WeightColumnName))
            throw new ArgumentException($"{nameof(WeightColumnName)} must name a column or be null.", nameof(WeightColumnName));
        if (GroupColumnName is not null && string.IsNullOrWhiteSpace(GroupColumnName))
            throw new ArgumentException($"{nameof(GroupColumnName)} must name a column or be null.", nameof(GroupColumnName));
        if (string.IsNullOrWhiteSpace(FeatureColumnRole))
            throw new ArgumentException($"{nameof(FeatureColumnRole)} must be a word such as \"feature\".", nameof(FeatureColumnRole));
        if (CacheLimitBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(CacheLimitBytes), CacheLimitBytes, $"{nameof(CacheLimitBytes)} must be non-negative.");
        if (ShuffleBufferRows < 1)
            throw new ArgumentOutOfRangeException(nameof(ShuffleBufferRows), ShuffleBufferRows, $"{nameof(ShuffleBufferRows)} must be at least 1.");
    }

    /// <summary>A copy of these options.</summary>
    public DataOptions Clone() => (DataOptions)MemberwiseClone();
}
