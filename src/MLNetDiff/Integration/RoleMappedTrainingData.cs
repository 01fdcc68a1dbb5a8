using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Integration;

/// <summary>
/// The glue between ML.NET's role-mapped training data and the engine's one reader (<see cref="DataViewLoader"/>):
/// the feature, label, weight and group roles become <see cref="DataOptions"/> column names, so components read
/// in memory or streamed with the same checks and the same errors (docs/engine.md, "Data").
/// </summary>
/// <remarks>
/// Errors: a column of the wrong type is an <see cref="ArgumentOutOfRangeException"/> in ML.NET's wording; no rows, a
/// non-finite feature/label/weight, a negative weight, a missing key or groups out of order are an
/// <see cref="InvalidOperationException"/> naming the column, the row and the slot. Labels: Boolean → 0/1, Single as
/// it is, Key → zero-based class index (key − 1). Groups: the raw key value (contiguous, increasing).
/// </remarks>
internal static class RoleMappedTrainingData
{
    /// <summary>The engine's reading options for the roles of <paramref name="data"/>. A component that streams passes
    /// them (with <see cref="DataOptions.ShuffleBufferRows"/> set) to <see cref="DataViewLoader.CreateStreamingSource"/>
    /// or <see cref="DataViewLoader.CreateGroupStreamingSource"/> with <c>data.Data</c>.</summary>
    /// <param name="data">Role-mapped data (feature role required).</param>
    /// <param name="component">The component's name, for the error when no feature role is mapped.</param>
    /// <param name="featureRole">The feature column's role in error messages ("feature", or "input" for a transform).</param>
    public static DataOptions Options(RoleMappedData data, string component, string featureRole = "feature")
    {
        ArgumentNullException.ThrowIfNull(data);
        RoleMappedSchema roles = data.Schema;
        DataViewSchema.Column feature = roles.Feature
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"{component} needs a {featureRole} column; none is mapped.");
        return new DataOptions
        {
            FeatureColumnName = feature.Name,
            FeatureColumnRole = featureRole,
            LabelColumnName = roles.Label?.Name,
            WeightColumnName = roles.Weight?.Name,
            GroupColumnName = roles.Group?.Name,
        };
    }

    /// <summary>Reads every row of <paramref name="data"/> into memory (features, and labels, weights and groups when
    /// those roles are mapped).</summary>
    public static InMemoryDataset Read(RoleMappedData data, string component, string featureRole = "feature")
        => DataViewLoader.LoadInMemory(data.Data, Options(data, component, featureRole));
}
