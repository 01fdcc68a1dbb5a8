using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MLNetDiff.Testing.Quality;

namespace MLNetDiff.Tests.Contract;

/// <summary>
/// The shared component contract (<see cref="ComponentContract"/>, test/MLNetDiff.Testing) for every case of
/// <see cref="ContractCases"/>: one line per aspect. ONNX parity and the quality baseline run for the cases that declare
/// them.
/// </summary>
[TestClass]
public sealed class ComponentContractTests
{
    /// <summary>MSTest data source: every case.</summary>
    public static IEnumerable<object[]> Cases => ContractCases.Names(ContractCases.All);

    /// <summary>MSTest data source: the cases with an ONNX expectation.</summary>
    public static IEnumerable<object[]> OnnxCases => ContractCases.Names(ContractCases.WithOnnx);

    /// <summary>MSTest data source: the cases with a quality baseline.</summary>
    public static IEnumerable<object[]> QualityCases => ContractCases.Names(ContractCases.WithQuality);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EveryContractAspect_HasATestMethodOfItsName()
    {
        // An aspect added to the shared contract must not go unrun here: each gets the one-liner of its name.
        string[] aspects = typeof(ComponentContract).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(ComponentContractCase))
            .Select(m => m.Name).ToArray();
        string[] tests = typeof(ComponentContractTests).GetMethods()
            .Where(m => m.GetCustomAttribute<TestMethodAttribute>() is not null).Select(m => m.Name).ToArray();
        Assert.IsGreaterThanOrEqualTo(9, aspects.Length, string.Join(", ", aspects));
        CollectionAssert.IsSubsetOf(aspects, tests, $"aspects without a test method: {string.Join(", ", aspects.Except(tests))}");
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void OutputSchema_IsStandard_BeforeAndAfterReload(string caseName)
        => ComponentContract.OutputSchema_IsStandard_BeforeAndAfterReload(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Evaluate_Works(string caseName) => ComponentContract.Evaluate_Works(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void CrossValidate_Works(string caseName) => ComponentContract.CrossValidate_Works(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void PredictionEngine_MatchesTransform(string caseName)
        => ComponentContract.PredictionEngine_MatchesTransform(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void SaveThenLoadInSeparateProcess_GivesOwnTypesAndIdenticalOutputs(string caseName)
        => ComponentContract.SaveThenLoadInSeparateProcess_GivesOwnTypesAndIdenticalOutputs(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void BadInput_IsRejectedWithNamedError(string caseName)
        => ComponentContract.BadInput_IsRejectedWithNamedError(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void CorruptedModelFile_FailsWithClearError(string caseName)
        => ComponentContract.CorruptedModelFile_FailsWithClearError(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(OnnxCases))]
    public void OnnxExport_MatchesOnnxRuntime(string caseName)
        => ComponentContract.OnnxExport_MatchesOnnxRuntime(ContractCases.Get(caseName));

    [TestMethod]
    [DynamicData(nameof(QualityCases))]
    public void Quality_IsNoWorseThanBaseline(string caseName)
    {
        QualityRow row = ComponentContract.Quality_IsNoWorseThanBaseline(ContractCases.Get(caseName));
        TestContext.WriteLine($"{QualityRow.Header}\n{row}");
    }
}
