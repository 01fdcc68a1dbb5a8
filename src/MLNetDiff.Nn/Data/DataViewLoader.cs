using System;
using Microsoft.ML;

namespace MLNetDiff.Nn.Data;

/// <summary>Reads ML.NET <see cref="IDataView"/> data for the engine: into memory (cached path) or as a stream. Both
/// paths read through one row reader (features, label, optional weight and group) and raise the same errors.</summary>
public static class DataViewLoader
{
    /// <summary>Reads every row into an <see cref="InMemoryDataset"/> (no size limit beyond array limits).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has an unsupported type (names the column,
    /// the expected and the actual type).</exception>
    /// <exception cref="InvalidOperationException">The data has no rows, or a value is invalid (NaN or infinite, a
    /// negative weight, a missing key, groups out of order), naming the column, the row and the slot, unless
    /// <see cref="DataOptions.SkipNonFiniteRows"/>.</exception>
    public static InMemoryDataset LoadInMemory(IDataView data, DataOptions? options = null)
    {
        options ??= new DataOptions();
        var columns = DataViewColumns.Resolve(data, options);
        return Load(data, columns, options, long.MaxValue)
            ?? throw new InvalidOperationException("The data has more rows than one array can hold.");
    }

    /// <summary>Reads every row into memory if the data fits within <see cref="DataOptions.CacheLimitBytes"/>; returns
    /// null (having held at most the limit) when it does not, or when the limit is 0.</summary>
    public static InMemoryDataset? TryLoadInMemory(IDataView data, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var columns = DataViewColumns.Resolve(data, options);
        return options.CacheLimitBytes == 0 ? null : Load(data, columns, options, options.CacheLimitBytes);
    }

    /// <summary>A streaming source over all rows of <paramref name="data"/>.</summary>
    public static StreamingBatchSource CreateStreamingSource(IDataView data, DataOptions options,
        BatchOrder order = BatchOrder.Shuffled, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var columns = DataViewColumns.Resolve(data, options);
        return new StreamingBatchSource(data, columns, options, order, seed, RowSplit.All);
    }

    /// <summary>Two streaming sources over complementary parts of <paramref name="data"/>: a row is a validation row
    /// when a hash of (<paramref name="seed"/>, row position) falls below <paramref name="validationFraction"/>.</summary>
    public static (StreamingBatchSource Train, StreamingBatchSource Validation) CreateStreamingSplit(IDataView data,
        DataOptions options, float validationFraction, BatchOrder order = BatchOrder.Shuffled, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(validationFraction > 0f && validationFraction < 1f))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 1).");
        var columns = DataViewColumns.Resolve(data, options);
        return (new StreamingBatchSource(data, columns, options, order, seed, RowSplit.TrainPart(seed, validationFraction)),
            new StreamingBatchSource(data, columns, options, BatchOrder.Sequential, seed, RowSplit.ValidationPart(seed, validationFraction)));
    }

    /// <summary>Batches of whole groups streamed from <paramref name="data"/> in data order (needs
    /// <see cref="DataOptions.GroupColumnName"/>); memory is bounded by maxGroups × <paramref name="maxGroupSize"/> rows.</summary>
    /// <param name="data">The data.</param>
    /// <param name="options">Columns (the group column is required) and invalid-row handling.</param>
    /// <param name="maxGroupSize">The most rows a group may have; a longer group is an error naming the row.</param>
    public static StreamingGroupBatchSource CreateGroupStreamingSource(IDataView data, DataOptions options, int maxGroupSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        var columns = DataViewColumns.Resolve(data, options);
        return new StreamingGroupBatchSource(data, columns, options, maxGroupSize);
    }

    /// <summary>The error for data without rows, shared by the in-memory and the streamed path.</summary>
    internal static InvalidOperationException NoRows(DataViewColumns columns, string? part = null)
        => new($"The data has no rows{(part is null ? "" : " " + part)} ({columns.FeatureRole} column '{columns.Features.Name}'" +
            $"{(columns.Label is { } label ? $", label column '{label.Name}'" : "")}); expected at least one row.");

    private static InMemoryDataset? Load(IDataView data, DataViewColumns columns, DataOptions options, long limitBytes)
    {
        int f = columns.FeatureCount, l = columns.LabelSize;
        bool weighted = columns.Weight is not null, grouped = columns.Group is not null;
        long bytesPerRow = 4L * (f + l + (weighted ? 1 : 0) + (grouped ? 1 : 0));
        long maxRows = Math.Min(limitBytes / bytesPerRow, Array.MaxLength / Math.Max(f, Math.Max(l, 1)));
        long? known = data.GetRowCount();
        if (known > maxRows)
            return null;
        long capacity = known ?? Math.Min(maxRows, 1024);
        if (capacity == 0 && maxRows > 0)
            capacity = Math.Min(maxRows, 1024);
        var features = new float[capacity * f];
        var labels = l == 0 ? null : new float[capacity * l];
        var weights = weighted ? new float[capacity] : null;
        var groups = grouped ? new uint[capacity] : null;
        int rows = 0;
        using (var reader = new DataViewRowReader(data, columns, options.SkipNonFiniteRows))
        {
            while (reader.MoveNext())
            {
                if (rows == capacity)
                {
                    if (capacity >= maxRows)
                        return null;
                    capacity = Math.Min(maxRows, Math.Max(1024, 2 * capacity));
                    Array.Resize(ref features, (int)(capacity * f));
                    if (labels is not null)
                        Array.Resize(ref labels, (int)(capacity * l));
                    if (weights is not null)
                        Array.Resize(ref weights, (int)capacity);
                    if (groups is not null)
                        Array.Resize(ref groups, (int)capacity);
                }
                if (reader.TryRead(features.AsSpan(rows * f, f), labels is null ? default : labels.AsSpan(rows * l, l)))
                {
                    if (weights is not null)
                        weights[rows] = reader.Weight;
                    if (groups is not null)
                        groups[rows] = reader.Group;
                    rows++;
                }
            }
        }
        if (rows == 0)
            throw NoRows(columns);
        return new InMemoryDataset(features, f, labels, Math.Max(l, 1), rows, validate: false, weights, groups);
    }
}
