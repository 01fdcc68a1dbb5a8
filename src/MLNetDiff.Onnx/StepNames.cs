using System;
using System.Linq;

namespace MLNetDiff.Onnx;

/// <summary>Short, readable type names for messages: no namespaces, no assembly-qualified generic arguments
/// (<c>BinaryPredictionTransformer&lt;CalibratedModelParametersBase&lt;AnyLossModelParameters, PlattCalibrator&gt;&gt;</c>
/// rather than a 300-character <c>FullName</c>).</summary>
internal static class StepNames
{
    /// <summary>Longer names are cut (the step position still identifies the step).</summary>
    public const int MaximumLength = 120;

    public static string Short(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        string name = Render(type);
        return name.Length <= MaximumLength ? name : name[..(MaximumLength - 1)] + "…";
    }

    private static string Render(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;
        string bare = type.Name;
        int tick = bare.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            bare = bare[..tick];
        return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(Render))}>";
    }
}
