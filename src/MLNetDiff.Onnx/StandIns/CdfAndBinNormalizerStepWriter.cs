using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Transforms.NormalizingTransformer;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// A normalizer with CDF or binning columns (NormalizeMeanVariance/NormalizeLogMeanVariance with useCdf, NormalizeBinning,
/// supervised binning). ML.NET's normalizer writes its affine columns and drops these (it has no ONNX form for them).
/// Here ML.NET writes what it can, then we write the dropped columns, following ML.NET's float arithmetic:
/// <list type="bullet">
/// <item>CDF: ML.NET's erf approximation 0.5 + 0.5·sign(z)·sqrt(1 − exp(−z²/2·(4/π + a·z²/2)/(1 + a·z²/2))), a = 0.147,
/// z = (log x − mean)/σ in float and the rest in double, as ML.NET; non-finite log x and σ ≤ float.Epsilon read 0 (ML.NET
/// leaves those slots empty in a sparse vector). In pure float, 1 − exp(−ε) loses everything near the mean (errors up to
/// about 4e-5).</item>
/// <item>binning: index = #(finite upper bounds &lt; x) (Less, ReduceSum); value = index/Density − Offset, so values
/// outside the fitted range land in the first or last bin; NaN stays NaN.</item>
/// </list>
/// </summary>
internal sealed class CdfAndBinNormalizerStepWriter : IOnnxStepWriter
{
    private static readonly long[] s_axis2 = [2];

    public bool Handles(ITransformer step) => step is NormalizingTransformer n && n.Columns.Any(c => IsOurs(c.ModelParameters));

    private static bool IsOurs(object? parameters) => parameters is CdfNormalizerModelParameters<ImmutableArray<float>>
        or CdfNormalizerModelParameters<float> or BinNormalizerModelParameters<ImmutableArray<float>> or BinNormalizerModelParameters<float>;

    public void Write(OnnxContext ctx, ITransformer step, IDataView stepOutput)
    {
        var normalizer = (NormalizingTransformer)step;
        DataViewSchema input = ((IDataTransform)stepOutput).Source.Schema;
        // The input variables of our columns, before ML.NET's SaveAsOnnx removes the columns it cannot write (an in-place
        // column then disappears from the context altogether).
        var sources = new List<(ColumnOptions Column, string Source)>();
        foreach (ColumnOptions column in normalizer.Columns)
        {
            if (IsOurs(column.ModelParameters) && ctx.ContainsColumn(column.InputColumnName))
                sources.Add((column, ctx.GetVariableName(column.InputColumnName)));
        }
        if (stepOutput is ITransformCanSaveOnnx own && own.CanSaveOnnx(ctx))
            own.SaveAsOnnx(ctx);
        foreach ((ColumnOptions column, string source) in sources)
        {
            DataViewType type = input[column.InputColumnName].Type;
            DataViewType item = type is VectorDataViewType v ? v.ItemType : type;
            if (item != NumberDataViewType.Single)
                throw new NotSupportedException($"ONNX export: normalizing '{column.InputColumnName}': only Single columns are supported, not {type}.");
            int width = type is VectorDataViewType vector ? vector.Size : 1;
            var g = new StepGraph(ctx, column.Name);
            string result = column.ModelParameters switch
            {
                CdfNormalizerModelParameters<ImmutableArray<float>> c => Cdf(g, source, width, c.Mean.ToArray(), c.StandardDeviation.ToArray(), c.UseLog),
                CdfNormalizerModelParameters<float> c => Cdf(g, source, width, [c.Mean], [c.StandardDeviation], c.UseLog),
                BinNormalizerModelParameters<ImmutableArray<float>> b => Bin(g, source, width,
                    b.UpperBounds.Select(u => u.ToArray()).ToArray(), b.Density.ToArray(), b.Offset.IsDefaultOrEmpty ? null : b.Offset.ToArray()),
                BinNormalizerModelParameters<float> b => Bin(g, source, width, [b.UpperBounds.ToArray()], [b.Density], b.Offset == 0 ? null : [b.Offset]),
                _ => throw new InvalidOperationException("unreachable"),
            };
            // A new variable under the column name: later steps and the graph output read it.
            g.NodeInto("Identity", [result], ctx.AddIntermediateVariable(type, column.Name));
        }
    }

    private static void CheckWidth(int width, int count, string what)
    {
        if (count != width)
            throw new NotSupportedException($"ONNX export: a normalized column has {width} slots but {count} {what} values.");
    }

    private static string Cdf(StepGraph g, string x, int d, float[] mean, float[] stddev, bool useLog)
    {
        CheckWidth(d, mean.Length, "mean");
        CheckWidth(d, stddev.Length, "standard deviation");
        // ML.NET skips slots whose σ ≤ float.Epsilon (they read 0): a 0/1 mask, with σ replaced by 1 there.
        float[] mask = stddev.Select(s => s > float.Epsilon ? 1f : 0f).ToArray();
        float[] safeStd = stddev.Select(s => s > float.Epsilon ? s : 1f).ToArray();

        // val = useLog ? (float)Math.Log(x) : x (the log in double, as ML.NET); non-finite values read 0.
        string value = useLog ? g.Cast(g.Node("Log", g.Cast(x, typeof(double))), typeof(float)) : x;
        string finite = g.IsFinite(value);
        string safeValue = g.Node("Where", finite, value, g.Float("zero", 0f));

        // Float part, as ML.NET: z = (val − mean)/σ; x2 = z·z/2; ax2 = 0.147f·x2.
        string z = g.Node("Div", g.Node("Sub", safeValue, g.Floats("mean", mean, d)), g.Floats("std", safeStd, d));
        string x2 = g.Node("Div", g.Node("Mul", z, z), g.Float("two", 2f));
        string ax2 = g.Node("Mul", g.Float("a", 0.147f), x2);
        string onePlusAx2 = g.Node("Add", g.Float("one_f", 1f), ax2);

        // Double part: 0.5 + 0.5·Sign(z)·Sqrt(1 − Exp(−x2·(4/π + ax2)/(1 + ax2))).
        string numerator = g.Node("Mul", g.Node("Neg", g.Cast(x2, typeof(double))),
            g.Node("Add", g.Double("four_over_pi", 4 / Math.PI), g.Cast(ax2, typeof(double))));
        string exponent = g.Node("Div", numerator, g.Cast(onePlusAx2, typeof(double)));
        string root = g.Node("Sqrt", g.Node("Sub", g.Double("one", 1.0), g.Node("Exp", exponent)));
        string halfSign = g.Node("Mul", g.Double("half", 0.5), g.Cast(g.Node("Sign", z), typeof(double)));
        string cdf = g.Node("Add", g.Double("half_b", 0.5), g.Node("Mul", halfSign, root));
        string keep = g.Node("Mul", g.Cast(finite, typeof(float)), g.Floats("mask", mask, d));
        return g.Node("Mul", g.Cast(cdf, typeof(float)), keep);
    }

    private static string Bin(StepGraph g, string x, int d, float[][] upperBounds, float[] density, float[]? offset)
    {
        CheckWidth(d, upperBounds.Length, "bin upper-bound");
        CheckWidth(d, density.Length, "density");
        // ML.NET: binIdx = #(bounds[j] < x, j < len − 1) (the last bound is +∞). Every slot's finite bounds are padded to
        // the same count with +∞ (never below x).
        int k = Math.Max(1, upperBounds.Max(b => b.Length - 1));
        var matrix = new float[d * k];
        Array.Fill(matrix, float.PositiveInfinity);
        for (int i = 0; i < d; i++)
            Array.Copy(upperBounds[i], 0, matrix, i * k, upperBounds[i].Length - 1);
        string x3 = g.Node("Unsqueeze", [x], out OnnxNode unsqueeze);
        unsqueeze.AddAttribute("axes", s_axis2);
        string below = g.Node("Less", g.Floats("bounds", matrix, d, k), x3);
        string index = g.Reduce("ReduceSum", g.Cast(below, typeof(float)), 2, keepDims: false);
        string value = g.Node("Div", index, g.Floats("density", density, d));
        if (offset is not null)
        {
            CheckWidth(d, offset.Length, "offset");
            value = g.Node("Sub", value, g.Floats("offset", offset, d));
        }
        return g.KeepNaN(x, value);
    }
}
