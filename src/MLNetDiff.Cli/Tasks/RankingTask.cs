using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.Tasks;

/// <summary>Ranking: the label is a relevance grade (a whole number 0–4, the grades ML.NET's default label gains
/// 0,3,7,15,31 cover), the <c>--group</c> column names each row's query and becomes an ML.NET key (GroupId) by
/// MapValueToKey; folds hold whole groups; ML.NET's <c>Ranking.Evaluate</c> gives NDCG@k and DCG@k (k = 1 … 10).</summary>
internal sealed class RankingTask : TaskDescriptor<RankingMetrics>
{
    /// <summary>Highest grade: ML.NET's default label gains (0,3,7,15,31) have five entries.</summary>
    public const int MaxGrade = 4;

    public static RankingTask Instance { get; } = new();

    private RankingTask()
        : base(
            (new("NDCG@1", "ndcgAt1", true, "NDCG1"), m => m.NormalizedDiscountedCumulativeGains[0]),
            (new("NDCG@3", "ndcgAt3", true, "NDCG3"), m => m.NormalizedDiscountedCumulativeGains[2]),
            (new("NDCG@5", "ndcgAt5", true, "NDCG5"), m => m.NormalizedDiscountedCumulativeGains[4]),
            (new("NDCG@10", "ndcgAt10", true, "NDCG10"), m => m.NormalizedDiscountedCumulativeGains[9]),
            (new("DCG@10", "dcgAt10", true, "DCG10"), m => m.DiscountedCumulativeGains[9]))
    {
    }

    public override string Name => "ranking";

    public override string ExpectedLabel => $"a relevance grade: a whole number from 0 to {MaxGrade}";

    public override bool UsesGroups => true;

    public override FoldScheme Folds => GroupFolds.Instance;

    /// <summary>NDCG@10, the usual headline of LETOR results.</summary>
    public override TaskMetric PrimaryMetric => Metrics[3];

    public override string MetricNote => " (per group, averaged over the groups of each test fold)";

    public override (float[] Labels, IReadOnlyList<string> Classes) ReadLabels(string file, string column, IReadOnlyList<string> cells) =>
        (CsvTableReader.ParseEach(file, column, cells, TryParseGrade, ExpectedLabel), []);

    private static bool TryParseGrade(ReadOnlySpan<char> text, out float label) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out label)
        && label >= 0 && label <= MaxGrade && label == MathF.Floor(label);

    public override IDataView WithTaskColumns(MLContext ml, CsvTable table, IDataView view)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(table);
        IDataView keyData = ml.Data.LoadFromEnumerable(table.GroupNames.Select(g => new TextRow { Value = g }));
        return ml.Transforms.Conversion.MapValueToKey(ColumnNames.GroupId, ColumnNames.GroupText, keyData: keyData)
            .Fit(view).Transform(view);
    }

    protected override RankingMetrics RunEvaluator(MLContext ml, IDataView scored) =>
        ml.Ranking.Evaluate(scored, labelColumnName: ColumnNames.Label, rowGroupColumnName: ColumnNames.GroupId,
            scoreColumnName: ColumnNames.Score);

    public override string DescribeLabel(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{table.GroupNames.Count} groups ('{table.GroupColumn}'), relevance " +
            string.Join(", ", GradeCounts(table).Select(p => $"{p.Key}: {p.Value}"));
    }

    public override string DescribeRows(CsvTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        int groups = rows.Select(r => table.Groups[r]).Distinct().Count();
        return $"{rows.Count} rows in {groups} groups";
    }

    public override void WriteLabelJson(Utf8JsonWriter writer, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        writer.WriteNumber("groups", table.GroupNames.Count);
        writer.WriteStartObject("relevanceCounts");
        foreach (KeyValuePair<int, int> p in GradeCounts(table))
            writer.WriteNumber(p.Key.ToString(CultureInfo.InvariantCulture), p.Value);
        writer.WriteEndObject();
    }

    public override IEnumerable<string> Warnings(CsvTable table, int folds)
    {
        ArgumentNullException.ThrowIfNull(table);
        SortedDictionary<int, int> grades = GradeCounts(table);
        if (grades.Count < 2)
            yield return $"label column '{table.LabelColumn}' holds one relevance grade only ({grades.Keys.First()}): every order of a group is as good as any other, so NDCG says nothing.";
    }

    private static SortedDictionary<int, int> GradeCounts(CsvTable table)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (float y in table.Labels)
            counts[(int)y] = counts.GetValueOrDefault((int)y) + 1;
        return counts;
    }
}
