using System.Globalization;
using System.Runtime.CompilerServices;

// ONNX tests train networks on the shared kernel backend: run one at a time.
[assembly: DoNotParallelize]

// Hand-made models use ML.NET internals (ValueMapperCalibratedModelParameters, OnnxContext) through the publicized
// references; the attribute type is MLNetDiff's (InternalsVisibleTo), as in the test fixtures.
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.StandardTrainers")]

namespace MLNetDiff.Onnx.Tests;

[TestClass]
public static class AssemblyInfo
{
    [AssemblyInitialize]
    public static void Initialize(TestContext context)
    {
        _ = context;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    }
}
