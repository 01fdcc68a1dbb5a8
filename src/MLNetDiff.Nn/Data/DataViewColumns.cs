using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Data;

/// <summary>The resolved and type-checked feature and label columns of an <see cref="IDataView"/>.</summary>
internal sealed class DataViewColumns
{
    private const string ExpectedFeatures = "a known-size vector of Single or a Single scalar";
    private const string ExpectedLabel = "Single, Boolean, a key of UInt32, or a known-size vector of Single";

    private DataViewColumns(DataViewSchema.Column features, int featureCount, bool featureIsVector,
        DataViewSchema.Column? label, LabelColumnKind labelKind, int labelSize, int classCount)
    {
        Features = features;
        FeatureCount = featureCount;
        FeatureIsVector = featureIsVector;
        Label = label;
        LabelKind = labelKind;
        LabelSize = labelSize;
        ClassCount = classCount;
    }

    public DataViewSchema.Column Features { get; }

    public int FeatureCount { get; }

    public bool FeatureIsVector { get; }

    public DataViewSchema.Column? Label { get; }

    public LabelColumnKind LabelKind { get; }

    public string LabelName => Label?.Name ?? "";

    /// <summary>Floats per label row (0 without a label).</summary>
    public int LabelSize { get; }

    /// <summary>Number of classes of a key label (0 otherwise).</summary>
    public int ClassCount { get; }

    public DataViewSchema.Column[] Active =>
        Label is { } label ? [Features, label] : [Features];

    /// <summary>Resolves the columns named in <paramref name="options"/>; throws <see cref="ArgumentException"/> naming the
    /// column and the expected type when one is missing or has an unsupported type.</summary>
    public static DataViewColumns Resolve(IDataView data, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        DataViewSchema schema = data.Schema;
        string featureName = options.FeatureColumnName;
        DataViewSchema.Column features = schema.GetColumnOrNull(featureName)
            ?? throw new ArgumentException(
                $"Features column '{featureName}' was not found in the data; expected {ExpectedFeatures}.", nameof(data));
        int featureCount;
        bool featureIsVector;
        if (features.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single)
        {
            if (!vector.IsKnownSize)
                throw new ArgumentException(
                    $"Features column '{featureName}' is a variable-size vector; expected {ExpectedFeatures}.", nameof(data));
            featureCount = vector.Size;
            featureIsVector = true;
        }
        else if (features.Type == NumberDataViewType.Single)
        {
            featureCount = 1;
            featureIsVector = false;
        }
        else
        {
            throw new ArgumentException(
                $"Features column '{featureName}' has type {features.Type}; expected {ExpectedFeatures}.", nameof(data));
        }

        string? labelName = options.LabelColumnName;
        if (labelName is null)
            return new DataViewColumns(features, featureCount, featureIsVector, null, LabelColumnKind.None, 0, 0);
        DataViewSchema.Column label = schema.GetColumnOrNull(labelName)
            ?? throw new ArgumentException($"Label column '{labelName}' was not found in the data; expected {ExpectedLabel}.", nameof(data));
        DataViewType type = label.Type;
        if (type == NumberDataViewType.Single)
            return new DataViewColumns(features, featureCount, featureIsVector, label, LabelColumnKind.Single, 1, 0);
        if (type == BooleanDataViewType.Instance)
            return new DataViewColumns(features, featureCount, featureIsVector, label, LabelColumnKind.Boolean, 1, 2);
        if (type is KeyDataViewType key)
        {
            if (key.RawType != typeof(uint) || key.Count == 0 || key.Count > int.MaxValue)
                throw new ArgumentException($"Label column '{labelName}' has key type {type}; expected {ExpectedLabel}.", nameof(data));
            return new DataViewColumns(features, featureCount, featureIsVector, label, LabelColumnKind.Key, 1, (int)key.Count);
        }
        if (type is VectorDataViewType labelVector && labelVector.ItemType == NumberDataViewType.Single && labelVector.IsKnownSize)
            return new DataViewColumns(features, featureCount, featureIsVector, label, LabelColumnKind.Vector, labelVector.Size, 0);
        throw new ArgumentException($"Label column '{labelName}' has type {type}; expected {ExpectedLabel}.", nameof(data));
    }
}
