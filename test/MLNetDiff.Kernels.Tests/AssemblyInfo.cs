using System.Globalization;

// Native state (thread count, forced ISA) is process-wide: kernel tests run one at a time.
[assembly: DoNotParallelize]

namespace MLNetDiff.Kernels.Tests;

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
