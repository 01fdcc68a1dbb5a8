namespace MLNetDiff.Networks.Onnx;

/// <summary>A model parameters type that can say why it cannot be saved as ONNX (ML.NET's <c>CanSaveOnnx</c> is only a
/// yes or no), so the strict exporter's message names the layer, not just the model.</summary>
internal interface IOnnxExportDiagnostics
{
    /// <summary>Null when the model can be saved as ONNX; else the reason (e.g. "layer 2 (Swish(8)) has no ONNX writer").</summary>
    string? OnnxProblem { get; }
}
