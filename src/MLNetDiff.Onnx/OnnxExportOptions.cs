using System;

namespace MLNetDiff.Onnx;

/// <summary>Settings of <c>mlContext.Model.ExportToOnnx</c>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The lowest opset ML.NET's converter writes (Microsoft.ML.OnnxConverter 0.24.0).</summary>
    public const int MinimumOpset = 9;

    /// <summary>The highest opset ML.NET's converter writes, and its default (Microsoft.ML.OnnxConverter 0.24.0).</summary>
    public const int MaximumOpset = 12;

    /// <summary>Opset the model declares, in [<see cref="MinimumOpset"/>, <see cref="MaximumOpset"/>]; passed to ML.NET's
    /// converter, whose transforms refuse an opset below what they need. Default 12.</summary>
    public int Opset { get; set; } = MaximumOpset;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the invalid option.</summary>
    public void Validate()
    {
        if (Opset < MinimumOpset || Opset > MaximumOpset)
            throw new ArgumentOutOfRangeException(nameof(Opset), Opset,
                $"{nameof(Opset)} must be in [{MinimumOpset}, {MaximumOpset}], the opsets ML.NET's ONNX converter writes.");
    }
}
