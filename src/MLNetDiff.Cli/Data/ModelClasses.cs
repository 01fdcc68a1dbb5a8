using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Data;

/// <summary>The class names a classifier writes: the key values ML.NET attaches to its PredictedLabel key
/// (MapValueToKey's values, carried through the trainer), as text; for a pipeline that ends in MapKeyToValue (PredictedLabel
/// no longer a key), the slot names ML.NET's multiclass scorer puts on Score, in key order.</summary>
internal static class ModelClasses
{
    /// <summary>The annotation ML.NET puts on a key column for its values (AnnotationUtils.Kinds.KeyValues).</summary>
    public const string KeyValuesKind = "KeyValues";

    /// <summary>The annotation of a vector column's slot names (AnnotationUtils.Kinds.SlotNames).</summary>
    public const string SlotNamesKind = "SlotNames";

    /// <summary>The key values of PredictedLabel as text (numbers in invariant round-trip form); null when it is not a key
    /// or has no key values.</summary>
    public static IReadOnlyList<string>? Of(DataViewSchema output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.GetColumnOrNull(ColumnNames.PredictedLabel) is not { Type: KeyDataViewType } predicted
            || predicted.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not { Type: VectorDataViewType values })
            return ScoreSlotNames(output);
        if (values.ItemType is TextDataViewType)
            return Read<ReadOnlyMemory<char>>(predicted, v => v.ToString());
        if (values.ItemType == NumberDataViewType.Single)
            return Read<float>(predicted, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (values.ItemType == NumberDataViewType.Double)
            return Read<double>(predicted, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (values.ItemType == BooleanDataViewType.Instance)
            return Read<bool>(predicted, v => v ? "true" : "false");
        return null;
    }

    /// <summary>The SlotNames of a vector Score (text), or null.</summary>
    private static string[]? ScoreSlotNames(DataViewSchema output)
    {
        if (output.GetColumnOrNull(ColumnNames.Score) is not { Type: VectorDataViewType { Size: > 0 } vector } score
            || score.Annotations.Schema.GetColumnOrNull(SlotNamesKind) is not { Type: VectorDataViewType { ItemType: TextDataViewType } names }
            || names.Size != vector.Size)
            return null;
        VBuffer<ReadOnlyMemory<char>> buffer = default;
        score.Annotations.GetValue(SlotNamesKind, ref buffer);
        string[] slots = buffer.DenseValues().Select(v => v.ToString()).ToArray();
        return slots.All(s => s.Length > 0) ? slots : null;
    }

    private static string[] Read<T>(DataViewSchema.Column column, Func<T, string> text)
    {
        VBuffer<T> buffer = default;
        column.GetKeyValues(ref buffer);
        return buffer.DenseValues().Select(text).ToArray();
    }
}
