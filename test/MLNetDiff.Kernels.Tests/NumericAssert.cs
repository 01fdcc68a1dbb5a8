using System;
using System.Globalization;

namespace MLNetDiff.Kernels.Tests;

/// <summary>The one assertion helper of the kernel tests: reports the first mismatching index, both values,
/// the bound and a context string (backend variant and shape).</summary>
internal static class NumericAssert
{
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance,
        string context) => Close(expected, actual, _ => tolerance, context);

    /// <summary>Element-wise comparison with a per-index tolerance.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Func<int, Tolerance> tolerance,
        string context)
    {
        if (expected.Length != actual.Length)
            Assert.Fail($"{context}: length {actual.Length}, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            Tolerance t = tolerance(i);
            if (!t.Accepts(expected[i], actual[i]))
                Assert.Fail($"{context}: first mismatch at index {i} of {expected.Length}: actual {Format(actual[i])}, expected {Format(expected[i])}, |diff| {Math.Abs((double)actual[i] - expected[i]):G4} > {t.Bound(expected[i]):G4} ({t}).");
        }
    }

    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, Func<int, Tolerance> tolerance,
        string context)
    {
        if (expected.Length != actual.Length)
            Assert.Fail($"{context}: length {actual.Length}, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            Tolerance t = tolerance(i);
            if (!t.Accepts(expected[i], actual[i]))
                Assert.Fail($"{context}: first mismatch at index {i} of {expected.Length}: actual {Format(actual[i])}, expected {expected[i].ToString("R", CultureInfo.InvariantCulture)}, |diff| {Math.Abs(actual[i] - expected[i]):G4} > {t.Bound(expected[i]):G4} ({t}).");
        }
    }

    public static void Close(double expected, float actual, Tolerance tolerance, string context)
    {
        if (!tolerance.Accepts(expected, actual))
            Assert.Fail($"{context}: actual {Format(actual)}, expected {expected.ToString("R", CultureInfo.InvariantCulture)}, |diff| {Math.Abs(actual - expected):G4} > {tolerance.Bound(expected):G4} ({tolerance}).");
    }

    /// <summary>Same bits (any NaN matches any NaN).</summary>
    public static void BitEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string context)
    {
        if (expected.Length != actual.Length)
            Assert.Fail($"{context}: length {actual.Length}, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]));
            if (!same)
                Assert.Fail($"{context}: first bit difference at index {i} of {expected.Length}: actual {Format(actual[i])}, expected {Format(expected[i])}.");
        }
    }

    public static void BitEqual(float expected, float actual, string context) =>
        BitEqual([expected], [actual], context);

    /// <summary>Every element still holds <paramref name="sentinel"/>: a kernel wrote outside its output.</summary>
    public static void Untouched(ReadOnlySpan<float> guard, float sentinel, string context)
    {
        for (int i = 0; i < guard.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(guard[i]) != BitConverter.SingleToInt32Bits(sentinel))
                Assert.Fail($"{context}: wrote {Format(guard[i])} past the end of its output (guard element {i}).");
        }
    }

    public static string Format(float value) =>
        $"{value.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.SingleToUInt32Bits(value):x8})";
}
