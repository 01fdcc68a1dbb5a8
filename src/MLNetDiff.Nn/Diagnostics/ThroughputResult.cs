using System;

namespace MLNetDiff.Nn.Diagnostics;

/// <summary>Measured training throughput.</summary>
/// <param name="Steps">Timed steps.</param>
/// <param name="Rows">Rows processed by the timed steps.</param>
/// <param name="Elapsed">Wall time of the timed steps (including batch gathering and per-epoch shuffles).</param>
/// <param name="LastLoss">Loss of the last step (a sanity check that training happened).</param>
public readonly record struct ThroughputResult(long Steps, long Rows, TimeSpan Elapsed, double LastLoss)
{
    /// <summary>Training rows per second.</summary>
    public double SamplesPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>Microseconds per step.</summary>
    public double MicrosecondsPerStep => Steps > 0 ? Elapsed.TotalMicroseconds / Steps : 0;
}
