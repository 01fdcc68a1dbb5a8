using System;
using System.Collections.Generic;
using System.Linq;
using MLNetDiff.Tests.Contract.Cases;

namespace MLNetDiff.Tests.Contract;

/// <summary>Every component that runs the shared contract (<see cref="ComponentContractTests"/>).</summary>
public static class ContractCases
{
    /// <summary>The registered cases, one per component: adding a case here is what gives a component its contract.</summary>
    public static IReadOnlyList<ComponentContractCase> All { get; } =
    [
        new AnyLossCase(),
        new StreamedBinaryCase(),
        new ClusteringCase(),
        new NeuralKMeansCase(),
        new NeuralKMeansDeepCase(),
        new ClamCase(),
        new RankingCase(),
        new MulticlassCase(),
        new TransformCase(),
        new CalibratorCase(),
        new GumbelSelectionCase(),
    ];

    /// <summary>The cases that declare ONNX parity.</summary>
    public static IEnumerable<ComponentContractCase> WithOnnx => All.Where(c => c.Onnx is not null);

    /// <summary>The cases that declare a quality baseline.</summary>
    public static IEnumerable<ComponentContractCase> WithQuality => All.Where(c => c.Quality is not null);

    /// <summary>MSTest data source: one row per case, by name (names serialize; the cases are looked up again).</summary>
    public static IEnumerable<object[]> Names(IEnumerable<ComponentContractCase> cases) => cases.Select(c => new object[] { c.Name });

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static ComponentContractCase Get(string name)
        => All.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No contract case named '{name}'.", nameof(name));
}
