using System;

namespace MLNetDiff.Kernels;

/// <summary>Argument checks shared by every backend: one wording, one place.</summary>
internal static class KernelGuard
{
    public static void NonNegative(int value, string name)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be non-negative.");
    }

    /// <summary>A rows×cols matrix with leading dimension ld must fit in the span.</summary>
    public static void Matrix(ReadOnlySpan<float> span, int rows, int cols, int ld, string name, string ldName)
    {
        // Names are built only on the failure path: this check runs on every GEMM call of a training step.
        if (rows < 0)
            throw new ArgumentOutOfRangeException(name, rows, $"The row count of '{name}' must be non-negative.");
        if (cols < 0)
            throw new ArgumentOutOfRangeException(name, cols, $"The column count of '{name}' must be non-negative.");
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(ldName, ld, $"'{ldName}' must be at least max(1, {cols}) (the number of columns of '{name}').");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (span.Length < needed)
            throw new ArgumentException($"'{name}' holds {span.Length} elements but a {rows}x{cols} matrix with leading dimension {ld} needs {needed}.", name);
    }

    /// <summary>A contiguous rows×cols matrix must fit in the span.</summary>
    public static void Dense(ReadOnlySpan<float> span, int rows, int cols, string name)
    {
        NonNegative(rows, "rows");
        NonNegative(cols, "cols");
        long needed = (long)rows * cols;
        if (span.Length < needed)
            throw new ArgumentException($"'{name}' holds {span.Length} elements but {rows}x{cols} = {needed} are needed.", name);
    }

    /// <summary>Either empty (absent) or at least <paramref name="length"/> long.</summary>
    public static void OptionalVector(ReadOnlySpan<float> span, int length, string name)
    {
        if (!span.IsEmpty && span.Length < length)
            throw new ArgumentException($"'{name}' must be empty or hold at least {length} elements; it holds {span.Length}.", name);
    }

    public static void SameLength(ReadOnlySpan<float> x, ReadOnlySpan<float> y, string name)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"'{name}' has length {y.Length}; expected {x.Length}.", name);
    }

    public static void Activation(Activation activation)
    {
        if ((uint)activation > (uint)Kernels.Activation.Tanh)
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
    }

    public static void Adam(AdamParameters parameters)
    {
        if (parameters.Step < 1)
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Step, "AdamParameters.Step is 1-based and must be at least 1.");
        if (!(parameters.Beta1 >= 0f && parameters.Beta1 < 1f))
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Beta1, "AdamParameters.Beta1 must be in [0, 1).");
        if (!(parameters.Beta2 >= 0f && parameters.Beta2 < 1f))
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Beta2, "AdamParameters.Beta2 must be in [0, 1).");
        if (!(parameters.Epsilon > 0f))
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Epsilon, "AdamParameters.Epsilon must be positive.");
    }
}
