using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetDiff.Kernels;

namespace MLNetDiff.Tests.FeatureSelection;

/// <summary>Synthetic data of specs/gfsnetwork.md §9: x ~ N(0, I), a label from the first few features only.</summary>
internal static class GumbelTestData
{
    /// <summary>x ~ N(0, I) (rows × d, Philox).</summary>
    public static float[][] Features(int rows, int d, ulong seed)
    {
        var flat = new float[rows * d];
        KernelBackends.Scalar.RandomNormal(seed, 0, flat);
        return Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * d, d).ToArray()).ToArray();
    }

    /// <summary>Boolean label 1[x0 + … + x_{k−1} &gt; 0] (T4 with k = 5).</summary>
    public static IDataView Binary(MLContext ml, int rows, int d, int informative, ulong seed)
    {
        float[][] x = Features(rows, d, seed);
        return Load(ml, d, x.Select(f => new BinaryRow { Features = f, Label = f.Take(informative).Sum() > 0 }));
    }

    /// <summary>Single label 3·x0 − 2·x1 + 0.1·ε, in large units (×100) to exercise the label standardisation.</summary>
    public static IDataView Regression(MLContext ml, int rows, int d, ulong seed)
    {
        float[][] x = Features(rows, d, seed);
        float[] noise = new float[rows];
        KernelBackends.Scalar.RandomNormal(seed + 1, 0, noise);
        return Load(ml, d, x.Select((f, r) => new RegressionRow { Features = f, Label = 100f * (3 * f[0] - 2 * f[1] + 0.1f * noise[r]) }));
    }

    /// <summary>Key label: the argmax of (x0, x1, x2), 3 classes.</summary>
    public static IDataView Multiclass(MLContext ml, int rows, int d, ulong seed)
    {
        float[][] x = Features(rows, d, seed);
        IDataView data = Load(ml, d, x.Select(f => new RegressionRow { Features = f, Label = f[0] > f[1] && f[0] > f[2] ? 0 : f[1] > f[2] ? 1 : 2 }));
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    /// <summary>ML.NET's SchemaShape.Create (internal in the real assemblies these tests compile against).</summary>
    public static SchemaShape Shape(DataViewSchema schema)
        => (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public
            | System.Reflection.BindingFlags.NonPublic, [typeof(DataViewSchema)])!.Invoke(null, [schema])!;

    public static IDataView Load<TRow>(MLContext ml, int d, IEnumerable<TRow> rows)
        where TRow : class
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        return ml.Data.LoadFromEnumerable(rows.ToArray(), schema);
    }

    internal sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    internal sealed class RegressionRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
