using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Integration;

/// <summary>
/// Reads the rows of a binary trainer into memory through the engine's reader (<see cref="RoleMappedTrainingData"/>:
/// known-size Single vector features, finite values, at least one row, optional weights) and adds the binary label rules: the label is Boolean, or Single
/// holding only 0 and 1; the training data holds both classes. Every error names the column and what was expected.
/// </summary>
internal static class BinaryTrainingData
{
    public const string ExpectedLabel = "Boolean, or Single holding 0 and 1";

    /// <summary>Checks the label column's type only (schema time).</summary>
    public static void CheckLabelType(DataViewSchema schema, string labelColumnName)
    {
        DataViewSchema.Column label = schema.GetColumnOrNull(labelColumnName)
            ?? throw SchemaChecks.Missing("label", labelColumnName, ExpectedLabel, nameof(labelColumnName));
        if (label.Type != BooleanDataViewType.Instance && label.Type != NumberDataViewType.Single)
            throw SchemaChecks.Mismatch("label", labelColumnName, ExpectedLabel, SchemaChecks.TypeName(label.Type), nameof(labelColumnName));
    }

    /// <summary>Loads role-mapped <paramref name="data"/> (feature and label roles); <paramref name="role"/> ("training",
    /// "validation") is for messages, and <paramref name="requireBothClasses"/> makes a missing class an error.</summary>
    public static InMemoryDataset Load(RoleMappedData data, string component, string role, bool requireBothClasses)
    {
        ArgumentNullException.ThrowIfNull(data);
        string labelName = data.Schema.Label?.Name
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"{component} needs a label column; none is mapped.");
        CheckLabelType(data.Schema.Schema, labelName);
        InMemoryDataset dense = RoleMappedTrainingData.Read(data, component);
        ReadOnlySpan<float> labels = dense.Labels;
        int positives = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            float y = labels[row];
            if (y == 1f)
                positives++;
            else if (y != 0f)
                throw new InvalidOperationException(
                    $"The label column '{labelName}' at row {row} of the {role} data holds {y}; expected {ExpectedLabel}.");
        }
        int negatives = labels.Length - positives;
        if (requireBothClasses && (positives == 0 || negatives == 0))
            throw new InvalidOperationException(
                $"The label column '{labelName}' has only one class in the {role} data ({negatives} rows of class 0 (false), " +
                $"{positives} rows of class 1 (true)); a binary trainer needs both.");
        return dense;
    }
}
