using System.Collections.Generic;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// The ONNX parity a contract case declares (<see cref="ComponentContractCase.Onnx"/>): ML.NET's <c>ConvertToOnnx</c> of
/// the fitted chain, run in ONNX Runtime on the case's test rows, gives every column of <paramref name="Columns"/>
/// within <paramref name="Tolerance"/> of ML.NET's <c>Transform</c> (Boolean and key columns exactly).
/// </summary>
/// <param name="Columns">The output columns compared (ONNX outputs "<c>X.output</c>" stand for column X).</param>
/// <param name="Tolerance">The bound for numeric columns; usually <see cref="Testing.Tolerance.CrossRuntime"/>.</param>
public sealed record OnnxExpectation(IReadOnlyList<string> Columns, Tolerance Tolerance);
