using System;

namespace MLNetDiff.Nn.Tests.Helpers;

/// <summary>Allocation checks that a loaded machine cannot fail by chance. Code that allocates per step does so in
/// every round; the runtime may allocate once on a measured thread in some round (a tiered re-JIT on a busy CI
/// machine did, 5336 bytes once). So a round is measured up to <c>attempts</c> times and the first clean one is
/// taken: a test asks for one clean round, never for a small minimum.</summary>
internal static class CleanRound
{
    /// <summary>Runs <paramref name="measure"/> (which returns the bytes one round allocated) until it returns 0,
    /// at most <paramref name="attempts"/> times; returns the last count.</summary>
    public static long Bytes(Func<long> measure, int attempts = 5)
    {
        long allocated = -1;
        for (int i = 0; i < attempts && allocated != 0; i++)
            allocated = measure();
        return allocated;
    }
}
