using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNetDiff.Cli.Data;

namespace MLNetDiff.Cli.ClusteringComparison;

/// <summary>The one view of the data every trainer of <c>compare clustering</c> fits and every metric is computed on:
/// the CSV's features z-scored by ML.NET's mean-variance normaliser (fitted once on all rows, mean subtracted), so that
/// silhouette and Davies–Bouldin compare trainers in the same space and no feature dominates by its unit. The label is
/// kept apart (<see cref="Labels"/>) and never enters the view the trainers read.</summary>
internal sealed class ClusteringData
{
    private ClusteringData(CsvTable table, float[] features, int[]? labels, float[]? offset, float[]? scale, bool zScored)
    {
        ZScored = zScored;
        Table = table;
        Features = features;
        Labels = labels;
        Offset = offset;
        Scale = scale;
    }

    public CsvTable Table { get; }

    /// <summary>False for --normalize none: the features as in the CSV (pixels, which share one unit and whose nearly
    /// constant border pixels z-scoring would blow up).</summary>
    public bool ZScored { get; }

    public int Rows => Table.RowCount;

    public int Dimension => Table.FeatureCount;

    /// <summary>Row-major features, z-scored unless --normalize none.</summary>
    public float[] Features { get; }

    /// <summary>Class index of each row; null without a label.</summary>
    public int[]? Labels { get; }

    /// <summary>The normaliser's map is (x − offset)·scale; null if ML.NET did not report an affine map.</summary>
    public float[]? Offset { get; }

    public float[]? Scale { get; }

    public static ClusteringData Create(CsvTable table, bool zScore = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[]? labels = table.HasLabel ? table.Labels.ToArray().Select(y => (int)y).ToArray() : null;
        if (!zScore)
            return new ClusteringData(table, RawFeatures(table), labels, null, null, zScored: false);
        var ml = new MLContext(0);
        IDataView raw = View(ml, RawFeatures(table), table.FeatureCount);
        // fixZero: false subtracts the mean too (z-scores): distances do not care, but centred data is what TELL's
        // sphere and ClAM's masking (fill with the mean = 0) assume.
        NormalizingTransformer normalizer = ml.Transforms.NormalizeMeanVariance(ColumnNames.Features, fixZero: false).Fit(raw);
        float[] z = normalizer.Transform(raw).GetColumn<float[]>(ColumnNames.Features).SelectMany(r => r).ToArray();
        for (int i = 0; i < z.Length; i++)
        {
            if (!float.IsFinite(z[i]))
            {
                throw new CliException($"Normalising column '{table.FeatureColumns[i % table.FeatureCount]}' of '{table.Name}' gave a " +
                    "non-finite value; its values are too large for single precision.");
            }
        }
        (float[]? offset, float[]? scale) = Affine(normalizer, table.FeatureCount);
        return new ClusteringData(table, z, labels, offset, scale, zScored: true);
    }

    /// <summary>A fresh view of the z-scored features (a <c>Features</c> vector column and nothing else) in
    /// <paramref name="ml"/>.</summary>
    public IDataView View(MLContext ml) => View(ml, Features, Dimension);

    /// <summary>Prototypes mapped back to the units of the CSV (for pictures of image data); as given without an affine map.</summary>
    public float[] Unnormalize(float[] prototype)
    {
        ArgumentNullException.ThrowIfNull(prototype);
        if (Scale is null)
            return prototype;
        var x = new float[prototype.Length];
        for (int j = 0; j < x.Length; j++)
        {
            float offset = Offset is { Length: > 0 } o ? o[j] : 0f;
            // A constant column has scale 0 (every z is 0): its value is the offset.
            x[j] = Scale[j] == 0 ? offset : prototype[j] / Scale[j] + offset;
        }
        return x;
    }

    private static float[] RawFeatures(CsvTable table)
    {
        var x = new float[table.RowCount * table.FeatureCount];
        for (int r = 0; r < table.RowCount; r++)
            table.RowFeatures(r).CopyTo(x.AsSpan(r * table.FeatureCount, table.FeatureCount));
        return x;
    }

    private static (float[]? Offset, float[]? Scale) Affine(NormalizingTransformer normalizer, int dimension)
    {
        if (normalizer.GetNormalizerModelParameters(0) is NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> p
            && p.Scale.Length == dimension)
        {
            return (p.Offset.ToArray(), p.Scale.ToArray());
        }
        return (null, null);
    }

    private static IDataView View(MLContext ml, float[] features, int dimension)
    {
        int rows = features.Length / dimension;
        var data = new List<FeaturesOnly>(rows);
        for (int r = 0; r < rows; r++)
            data.Add(new FeaturesOnly { Features = features.AsSpan(r * dimension, dimension).ToArray() });
        SchemaDefinition schema = SchemaDefinition.Create(typeof(FeaturesOnly));
        schema[nameof(FeaturesOnly.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    /// <summary>The only column a clustering trainer sees.</summary>
    private sealed class FeaturesOnly
    {
        public float[] Features { get; set; } = [];
    }
}
