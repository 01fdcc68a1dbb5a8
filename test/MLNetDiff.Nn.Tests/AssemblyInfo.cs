using System.Globalization;

// Engine tests share the process-wide kernel backend and measure memory: run one at a time.
[assembly: DoNotParallelize]

namespace MLNetDiff.Nn.Tests;

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
