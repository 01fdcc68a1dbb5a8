using System;
using System.Globalization;

namespace MLNetDiff.Testing;

/// <summary>
/// How close a component-level value must be to its reference: |actual − expected| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/>·|expected| (DESIGN.md: tolerances are absolute + relative, so values near 0 are not held to a
/// relative bound they cannot meet and large ones not to an absolute one). NaN matches only NaN, an infinity only the
/// same infinity. The kernel suite keeps its own per-backend tolerances (test/MLNetDiff.Kernels.Tests/Tolerance.cs).
/// </summary>
/// <param name="Absolute">The absolute part (finite, ≥ 0).</param>
/// <param name="Relative">The part relative to |expected| (finite, ≥ 0).</param>
public readonly record struct Tolerance(double Absolute, double Relative)
{
    /// <summary>Bit-for-bit equal values (0 + 0): save/load and PredictionEngine against Transform.</summary>
    public static Tolerance Exact { get; } = new(0, 0);

    /// <summary>ML.NET in-process against ONNX Runtime: another operation order, fused kernels and its own exp/tanh, on
    /// float; 1e-5 + 1e-5·|expected| is what the ONNX suite has held every export to since it started.</summary>
    public static Tolerance CrossRuntime { get; } = new(1e-5, 1e-5);

    /// <summary>Whether <paramref name="actual"/> is within this tolerance of <paramref name="expected"/>.</summary>
    public bool Allows(double expected, double actual)
    {
        Check();
        if (double.IsNaN(expected) || double.IsNaN(actual))
            return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
            return expected == actual;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>Asserts <see cref="Allows"/>; the message names <paramref name="context"/>, both values and the bound.</summary>
    public void AssertClose(double expected, double actual, string context)
    {
        if (!Allows(expected, actual))
            Assert.Fail($"{context}: expected {Format(expected)}, got {Format(actual)} (|diff| {Format(Math.Abs(actual - expected))} > {this})");
    }

    /// <summary>Asserts every element pair of two equally long spans; the message names the first index that differs.</summary>
    public void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string context)
    {
        if (expected.Length != actual.Length)
            Assert.Fail($"{context}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (!Allows(expected[i], actual[i]))
                Assert.Fail($"{context}[{i}]: expected {Format(expected[i])}, got {Format(actual[i])} (|diff| {Format(Math.Abs((double)actual[i] - expected[i]))} > {this})");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Format(Absolute)} + {Format(Relative)}·|expected|";

    // A record struct can be made with any values (default, with-expressions): check where the bound is used.
    private void Check()
    {
        if (!(Absolute >= 0 && double.IsFinite(Absolute)))
            throw new ArgumentOutOfRangeException(nameof(Absolute), Absolute, "The absolute tolerance must be finite and >= 0.");
        if (!(Relative >= 0 && double.IsFinite(Relative)))
            throw new ArgumentOutOfRangeException(nameof(Relative), Relative, "The relative tolerance must be finite and >= 0.");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
