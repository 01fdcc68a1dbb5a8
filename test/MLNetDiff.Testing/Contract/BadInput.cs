using System;
using Microsoft.ML;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// A bad input and the error it must produce: <paramref name="MakeData"/> gets the context and the preprocessed
/// training data and returns the bad data (already preprocessed); the thrown exception must be a
/// <paramref name="Exception"/> and the messages of its chain must contain every string of
/// <paramref name="MessageContains"/> (the column or parameter name and what was expected).
/// </summary>
public sealed record BadInput(string Description, BadInputPhase Phase, Func<MLContext, IDataView, IDataView> MakeData,
    Type Exception, string[] MessageContains)
{
    /// <inheritdoc/>
    public override string ToString() => Description;
}
