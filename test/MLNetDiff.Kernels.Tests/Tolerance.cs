using System;

namespace MLNetDiff.Kernels.Tests;

/// <summary>
/// How far a backend may be from the reference: |actual − expected| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/>·|expected|. Every kernel's tolerance is defined here, with the reason.
/// </summary>
/// <remarks>u = 2⁻²⁴ is the unit roundoff of float. Summing n terms in another order can differ by up to about
/// 2·n·u·Σ|term| (the classic bound for recursive summation, counted for both sides).</remarks>
internal readonly record struct Tolerance(double Absolute, double Relative)
{
    /// <summary>Unit roundoff of float, 2⁻²⁴.</summary>
    public const double Unit = 1.0 / (1 << 24);

    /// <summary>Bit-for-bit (but −0 == +0): max, min, and kernels defined by exact operations.</summary>
    public static Tolerance Exact { get; } = new(0, 0);

    /// <summary>Element-wise float kernels made of a few correctly rounded operations (bias add, identity,
    /// ReLU, leaky ReLU and their gradients, sigmoid/tanh gradients from y, Adam): atol 1e-6, rtol 2e-6.</summary>
    public static Tolerance Elementwise { get; } = new(1e-6, 2e-6);

    /// <summary>Kernels that evaluate exp/tanh (GELU, sigmoid, tanh; forward, and GELU's gradient): each backend
    /// uses a different faithful approximation, a few ulp apart, and GELU cancels in 1 + tanh for negative z:
    /// atol 2e-6, rtol 1e-5.</summary>
    public static Tolerance Transcendental { get; } = new(2e-6, 1e-5);

    /// <summary>Double-precision checks of the scalar reference itself: it rounds every step to float.</summary>
    public static Tolerance ScalarVsDouble { get; } = new(1e-6, 4e-6);

    /// <summary>A sum of <paramref name="n"/> terms whose absolute values add up to <paramref name="magnitude"/>
    /// (sum, sum of squares, dot, column sums, dbias), accumulated in a different order.</summary>
    public static Tolerance Sum(int n, double magnitude) => new(2.0 * (n + 2) * Unit * magnitude, 0);

    /// <summary>Softmax with inputs in [−8, 8]: exp(x − max) carries a relative error of about
    /// (|x − max| + 2)·u, the row sum (cols − 1)·u; both backends err, so twice that.</summary>
    public static Tolerance Softmax(int cols) => new(1e-30, 2.0 * (cols + 24) * Unit);

    /// <summary>Log-sum-exp and log-softmax with inputs in [−8, 8]: log turns the relative error of the row sum
    /// into an absolute one, plus the final roundings.</summary>
    public static Tolerance LogSumExp(int cols) => new(2.0 * (cols + 24) * Unit, 4 * Unit);

    /// <summary>GEMM element with Σ_p |alpha·a_ip·b_pj| = <paramref name="magnitude"/> and |beta·c| =
    /// <paramref name="betaMagnitude"/>: a k-term dot product, then one scale and add. Blocked kernels may use FMA.</summary>
    public static Tolerance Gemm(int k, double magnitude, double betaMagnitude) =>
        new(2.0 * (k + 3) * Unit * magnitude + 4 * Unit * betaMagnitude, 0);

    /// <summary>Squared distance between rows with squared norms summing to <paramref name="norms"/>: the
    /// ‖x‖² + ‖y‖² − 2x·y form (used for large problems) cancels, so the error scales with the norms, not the
    /// distance.</summary>
    public static Tolerance Distance(int d, double norms) => new(4.0 * (d + 4) * Unit * norms + 1e-30, 0);

    /// <summary>This tolerance widened by <paramref name="other"/> (errors of two steps add up).</summary>
    public Tolerance Plus(Tolerance other) => new(Absolute + other.Absolute, Relative + other.Relative);

    public double Bound(double expected) => Absolute + Relative * Math.Abs(expected);

    /// <summary>NaN matches NaN only; an infinity matches the same infinity only; finite values by the bound.</summary>
    public bool Accepts(double expected, double actual)
    {
        if (double.IsNaN(expected))
            return double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
            return expected == actual;
        return Math.Abs(actual - expected) <= Bound(expected);
    }

    public override string ToString() => $"atol {Absolute:G3}, rtol {Relative:G3}";
}
