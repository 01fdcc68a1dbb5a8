using MLNetDiff.Nn.Internal;

namespace MLNetDiff.Nn.Data;

/// <summary>
/// Hash-based train/validation membership of a streamed row: row p is a validation row when
/// Mix(seed, p)/2⁶⁴ &lt; fraction. Stateless, so every pass agrees without storing indices.
/// </summary>
internal readonly struct RowSplit
{
    private readonly ulong _seed;
    private readonly ulong _threshold;
    private readonly bool _validation;

    private RowSplit(ulong seed, double fraction, bool validation)
    {
        _seed = seed;
        _threshold = fraction <= 0 ? 0 : (ulong)(fraction * 18446744073709551616.0);
        _validation = validation;
    }

    public static RowSplit All => default;

    public bool IsAll => _threshold == 0 && !_validation;

    public static RowSplit TrainPart(ulong seed, double fraction) => new(seed, fraction, false);

    public static RowSplit ValidationPart(ulong seed, double fraction) => new(seed, fraction, true);

    public bool Keeps(long position)
    {
        if (IsAll)
            return true;
        bool isValidation = SeedMixer.Mix(_seed, SeedMixer.ValidationHashStream, (ulong)position) < _threshold;
        return isValidation == _validation;
    }
}
