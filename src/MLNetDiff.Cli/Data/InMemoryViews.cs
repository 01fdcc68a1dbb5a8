using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetDiff.Cli.Data;

/// <summary>Builds <see cref="IDataView"/>s of <see cref="FeatureRow"/>s from a <see cref="CsvTable"/>: Features (known-size
/// Single vector), Label (Single) and LabelBool (Boolean); with <c>textColumns</c>, also LabelText and GroupText, which
/// the tasks turn into keys by MapValueToKey. Without it the view has exactly the three columns a binary model reads (and
/// an ONNX export takes as inputs). With <c>slotNames</c>, Features carries the CSV's feature column names as slot names
/// (what a slot-dropping selector reports and keeps).</summary>
internal static class InMemoryViews
{
    /// <summary>A view of the given rows (all rows when <paramref name="rows"/> is null), in that order.</summary>
    public static IDataView Create(MLContext ml, CsvTable table, IReadOnlyList<int>? rows = null, bool textColumns = false,
        bool slotNames = false)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(table);
        int count = rows?.Count ?? table.RowCount;
        var data = new List<FeatureRow>(count);
        for (int i = 0; i < count; i++)
        {
            int r = rows is null ? i : rows[i];
            float y = table.Labels[r];
            data.Add(new FeatureRow
            {
                Label = y,
                LabelBool = y > 0.5f,
                LabelText = !textColumns ? string.Empty
                    : table.ClassNames.Count > 0 ? table.ClassNames[(int)y] : y.ToString("R", CultureInfo.InvariantCulture),
                GroupText = textColumns && table.HasGroups ? table.GroupNames[table.Groups[r]] : string.Empty,
                Features = table.RowFeatures(r).ToArray(),
            });
        }
        SchemaDefinition schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.FeatureCount);
        if (slotNames)
        {
            var names = new VBuffer<ReadOnlyMemory<char>>(table.FeatureCount, [.. table.FeatureColumns.Select(c => c.AsMemory())]);
            schema[nameof(FeatureRow.Features)].AddAnnotation("SlotNames", names, // ML.NET's annotation kind (AnnotationUtils.Kinds is not public)
                new VectorDataViewType(TextDataViewType.Instance, table.FeatureCount));
        }
        if (!textColumns)
        {
            schema.Remove(schema[nameof(FeatureRow.LabelText)]);
            schema.Remove(schema[nameof(FeatureRow.GroupText)]);
        }
        return ml.Data.LoadFromEnumerable(data, schema);
    }
}
