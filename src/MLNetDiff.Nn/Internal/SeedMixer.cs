namespace MLNetDiff.Nn.Internal;

/// <summary>
/// Derives independent 64-bit seeds from one user seed: <c>Mix(seed, stream)</c> is the SplitMix64 finaliser of
/// <c>seed + (stream + 1)·φ</c>, so each purpose (initialisation, split, shuffling, dropout, …) draws from its own
/// stream and changing one never shifts another.
/// </summary>
internal static class SeedMixer
{
    /// <summary>Stream ids; fixed forever because they define the bits a given seed produces.</summary>
    public const ulong InitializationStream = 1;
    public const ulong SplitStream = 2;
    public const ulong ShuffleStream = 3;
    public const ulong NoiseStream = 4;
    public const ulong ValidationHashStream = 5;

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed + (stream + 1) * Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong seed, ulong stream, ulong index) => Mix(Mix(seed, stream), index);
}
