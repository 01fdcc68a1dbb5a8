using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Model.OnnxConverter;

namespace MLNetDiff.Onnx.StandIns;

/// <summary>
/// An appended Isotonic calibrator (<c>Calibrators.Isotonic()</c>, <c>CalibratorTransformer&lt;IsotonicCalibrator&gt;</c>):
/// ML.NET's <c>IsotonicCalibrator</c> has no ONNX form. Probability as ML.NET evaluates it: pos = #(Maxes &lt; s) clamped
/// to the last piece; inside a piece (s ≥ Mins[pos]) or before the first, Values[pos]; between two pieces ML.NET
/// interpolates linearly from (Maxes[pos−1], Values[pos−1]) to (Mins[pos], Values[pos]); the result is clamped to
/// [MinToReturn, MaxToReturn]; NaN stays NaN. Positions are counted in float and cast to int64 only for Gather (integer
/// Min/Max need opset 12).
/// </summary>
internal sealed class IsotonicCalibratorStepWriter : IOnnxStepWriter
{
    // ML.NET's clamp bounds (private constants of IsotonicCalibrator).
    private static readonly float MinToReturn = Constant("MinToReturn");
    private static readonly float MaxToReturn = Constant("MaxToReturn");

    public bool Handles(ITransformer step) => step is CalibratorTransformer<IsotonicCalibrator>;

    public void Write(OnnxContext ctx, ITransformer step, IDataView stepOutput)
    {
        string scoreColumn = ((ISingleFeaturePredictionTransformer<object>)step).FeatureColumnName;
        var iso = (IsotonicCalibrator)((IPredictionTransformer<object>)step).Model;
        if (!ctx.ContainsColumn(scoreColumn))
            return; // the guard after this step names the missing column
        var g = new StepGraph(ctx, "Isotonic");
        string score = ctx.GetVariableName(scoreColumn);
        string probability = ctx.AddIntermediateVariable(NumberDataViewType.Single, DefaultColumnNames.Probability);
        float[] mins = iso.Mins.ToArray(), maxes = iso.Maxes.ToArray(), values = iso.Values.ToArray();
        if (mins.Length == 0)
        {
            // ML.NET returns 0 (then clamped) for an empty calibrator.
            string zero = g.Node("Mul", score, g.Float("zero", 0f));
            g.NodeInto("Identity", [g.KeepNaN(score, g.Node("Max", zero, g.Float("min_return", MinToReturn)))], probability);
            return;
        }
        int p = mins.Length;
        string minsT = g.Floats("mins", mins, p);
        string maxesT = g.Floats("maxes", maxes, p);
        string valuesT = g.Floats("values", values, p);
        string count = g.Reduce("ReduceSum", g.Cast(g.Node("Less", maxesT, score), typeof(float)), 1, keepDims: true);
        string posF = g.Node("Min", count, g.Float("last", p - 1));
        string prevF = g.Node("Max", g.Node("Sub", posF, g.Float("one", 1f)), g.Float("first", 0f));
        string pos = g.Cast(posF, typeof(long)), prev = g.Cast(prevF, typeof(long));
        string minPos = Gather(g, minsT, pos), valPos = Gather(g, valuesT, pos);
        string maxPrev = Gather(g, maxesT, prev), valPrev = Gather(g, valuesT, prev);
        // t = (s − Maxes[pos−1]) / (Mins[pos] − Maxes[pos−1]); Values[pos−1] + t·(Values[pos] − Values[pos−1]).
        string t = g.Node("Div", g.Node("Sub", score, maxPrev), g.Node("Sub", minPos, maxPrev));
        string interpolated = g.Node("Add", valPrev, g.Node("Mul", t, g.Node("Sub", valPos, valPrev)));
        // s ≥ Mins[pos] written as ¬(s < Mins[pos]) (GreaterOrEqual is opset 12); pos = 0 as pos < 0.5.
        string inside = g.Node("Or", g.Node("Not", g.Node("Less", score, minPos)), g.Node("Less", posF, g.Float("half", 0.5f)));
        string value = g.Node("Where", inside, valPos, interpolated);
        string clamped = g.Node("Min", g.Node("Max", value, g.Float("min_return", MinToReturn)), g.Float("max_return", MaxToReturn));
        g.NodeInto("Identity", [g.KeepNaN(score, clamped)], probability);
    }

    private static string Gather(StepGraph g, string data, string indices)
    {
        string y = g.Node("Gather", [data, indices], out OnnxNode node);
        node.AddAttribute("axis", 0L);
        return y;
    }

    private static float Constant(string name) =>
        (float)(typeof(IsotonicCalibrator).GetField(name, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null)
            ?? throw new MissingFieldException(nameof(IsotonicCalibrator), name));
}
