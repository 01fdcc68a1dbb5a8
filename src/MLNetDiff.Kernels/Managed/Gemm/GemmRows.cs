namespace MLNetDiff.Kernels.Managed;

/// <summary>A row count known to the JIT: microkernels are generic over it so each count compiles to its own
/// specialised code with the unused accumulator rows removed.</summary>
internal interface IGemmRows
{
    /// <summary>Rows of the tile.</summary>
    static abstract int Count { get; }
}

internal readonly struct GemmRows1 : IGemmRows { public static int Count => 1; }
internal readonly struct GemmRows2 : IGemmRows { public static int Count => 2; }
internal readonly struct GemmRows3 : IGemmRows { public static int Count => 3; }
internal readonly struct GemmRows4 : IGemmRows { public static int Count => 4; }
internal readonly struct GemmRows5 : IGemmRows { public static int Count => 5; }
internal readonly struct GemmRows6 : IGemmRows { public static int Count => 6; }
internal readonly struct GemmRows7 : IGemmRows { public static int Count => 7; }
internal readonly struct GemmRows8 : IGemmRows { public static int Count => 8; }
internal readonly struct GemmRows9 : IGemmRows { public static int Count => 9; }
internal readonly struct GemmRows10 : IGemmRows { public static int Count => 10; }
internal readonly struct GemmRows11 : IGemmRows { public static int Count => 11; }
internal readonly struct GemmRows12 : IGemmRows { public static int Count => 12; }
internal readonly struct GemmRows13 : IGemmRows { public static int Count => 13; }
internal readonly struct GemmRows14 : IGemmRows { public static int Count => 14; }
