using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Nn.Data;

/// <summary>The resolved and type-checked feature, label, weight and group columns of an <see cref="IDataView"/>.</summary>
/// <remarks>Schema errors are <see cref="ArgumentOutOfRangeException"/>s in the wording of ML.NET's own schema checks
/// ("Schema mismatch for feature column 'Features': expected …, got Vector&lt;Double, 30&gt;", "Could not find label
/// column 'Label'"), so a component that hands an <see cref="IDataView"/> to the engine reports bad columns the way
/// ML.NET's trainers do.</remarks>
internal sealed class DataViewColumns
{
    internal const string ExpectedFeatures = "a known-size Vector<Single> or a Single scalar";
    internal const string ExpectedLabel = "Single, Boolean, a Key of UInt32, or a known-size Vector<Single>";
    internal const string ExpectedWeight = "a Single scalar";
    internal const string ExpectedGroup = "a Key of UInt32 or a UInt32 scalar";

    private DataViewColumns()
    {
    }

    public DataViewSchema.Column Features { get; private init; }

    public string FeatureRole { get; private init; } = "feature";

    public int FeatureCount { get; private init; }

    public bool FeatureIsVector { get; private init; }

    public DataViewSchema.Column? Label { get; private init; }

    public LabelColumnKind LabelKind { get; private init; }

    public string LabelName => Label?.Name ?? "";

    /// <summary>Floats per label row (0 without a label).</summary>
    public int LabelSize { get; private init; }

    /// <summary>Number of classes of a key label (0 otherwise).</summary>
    public int ClassCount { get; private init; }

    public DataViewSchema.Column? Weight { get; private init; }

    public DataViewSchema.Column? Group { get; private init; }

    /// <summary>True when the group column is a key (value 0 = missing), false for a plain UInt32.</summary>
    public bool GroupIsKey { get; private init; }

    public DataViewSchema.Column[] Active
    {
        get
        {
            var columns = new List<DataViewSchema.Column>(4) { Features };
            if (Label is { } label)
                columns.Add(label);
            if (Weight is { } weight)
                columns.Add(weight);
            if (Group is { } group)
                columns.Add(group);
            return [.. columns];
        }
    }

    /// <summary>Resolves the columns named in <paramref name="options"/>; throws <see cref="ArgumentOutOfRangeException"/>
    /// naming the column, the expected type and the type found when one is missing or has an unsupported type.</summary>
    public static DataViewColumns Resolve(IDataView data, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DataViewSchema schema = data.Schema;
        string role = options.FeatureColumnRole;
        string featureName = options.FeatureColumnName;
        DataViewSchema.Column features = Find(schema, featureName, role, ExpectedFeatures);
        int featureCount;
        bool featureIsVector;
        if (features.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single && vector.IsKnownSize)
        {
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
            throw Mismatch(role, featureName, ExpectedFeatures, features.Type);
        }

        DataViewSchema.Column? label = null;
        LabelColumnKind labelKind = LabelColumnKind.None;
        int labelSize = 0, classCount = 0;
        if (options.LabelColumnName is { } labelName)
        {
            DataViewSchema.Column column = Find(schema, labelName, "label", ExpectedLabel);
            DataViewType type = column.Type;
            label = column;
            labelSize = 1;
            if (type == NumberDataViewType.Single)
            {
                labelKind = LabelColumnKind.Single;
            }
            else if (type == BooleanDataViewType.Instance)
            {
                labelKind = LabelColumnKind.Boolean;
                classCount = 2;
            }
            else if (type is KeyDataViewType key && key.RawType == typeof(uint) && key.Count > 0 && key.Count <= int.MaxValue)
            {
                labelKind = LabelColumnKind.Key;
                classCount = (int)key.Count;
            }
            else if (type is VectorDataViewType labelVector && labelVector.ItemType == NumberDataViewType.Single && labelVector.IsKnownSize)
            {
                labelKind = LabelColumnKind.Vector;
                labelSize = labelVector.Size;
            }
            else
            {
                throw Mismatch("label", labelName, ExpectedLabel, type);
            }
        }

        DataViewSchema.Column? weight = null;
        if (options.WeightColumnName is { } weightName)
        {
            weight = Find(schema, weightName, "weight", ExpectedWeight);
            if (weight.Value.Type != NumberDataViewType.Single)
                throw Mismatch("weight", weightName, ExpectedWeight, weight.Value.Type);
        }

        DataViewSchema.Column? group = null;
        bool groupIsKey = false;
        if (options.GroupColumnName is { } groupName)
        {
            group = Find(schema, groupName, "group", ExpectedGroup);
            DataViewType type = group.Value.Type;
            groupIsKey = type is KeyDataViewType;
            if (!(type is KeyDataViewType k && k.RawType == typeof(uint)) && type != NumberDataViewType.UInt32)
                throw Mismatch("group", groupName, ExpectedGroup, type);
        }

        return new DataViewColumns
        {
            Features = features,
            FeatureRole = role,
            FeatureCount = featureCount,
            FeatureIsVector = featureIsVector,
            Label = label,
            LabelKind = labelKind,
            LabelSize = labelSize,
            ClassCount = classCount,
            Weight = weight,
            Group = group,
            GroupIsKey = groupIsKey,
        };
    }

    // The parameter name is the data (Resolve's argument), as ML.NET's schema checks name their schema argument.
#pragma warning disable CA2208
    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string role, string expected)
        => schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException("data", $"Could not find {role} column '{name}' in the data; expected {expected}.");

    private static ArgumentOutOfRangeException Mismatch(string role, string name, string expected, DataViewType found)
        => new("data", $"Schema mismatch for {role} column '{name}': expected {expected}, got " +
            $"{(found is VectorDataViewType { IsKnownSize: false } ? "a variable-size " : "")}{found}.");
#pragma warning restore CA2208
}
