using System;
using System.Globalization;
using System.Numerics;
using MLNetDiff.Kernels;
using MLNetDiff.Metrics;
using MLNetDiff.Nn.Losses;

namespace MLNetDiff.Classification;

/// <summary>
/// AnyLoss (Han, Moniz &amp; Chawla 2024; spec anyloss.md): a confusion-matrix metric made differentiable. Each row's
/// logit z gives p = σ(z), the amplified prediction ŷ = σ(L·(p − ½)) and from it a soft confusion matrix
/// TP = Σ y·ŷ, FP = Σ (1 − y)·ŷ, TN = Σ (1 − y)·(1 − ŷ), FN = Σ y·(1 − ŷ); the loss is 1 − M(TP, FP, TN, FN).
/// </summary>
/// <remarks>
/// <para>The network has one output per row, the logit z (the sigmoid is part of the loss); labels are one float per row,
/// 0 or 1 (a value in between counts fractionally in both classes). Inference predicts positive iff z &gt; 0
/// (p &gt; ½), the spec's threshold.</para>
/// <para>The loss is a value of the whole batch, not a mean of per-row terms: the gradient couples the rows through the
/// soft counts (spec §3), so the engine must not split a batch into shards. Losses are in [0, 1] except
/// <see cref="BinaryMetric.Mcc"/>, whose loss 1 − MCC is in [0, 2].</para>
/// <para>Numerics (spec §5): everything is in double; σ is evaluated in its branch-stable form, 1 − ŷ as σ(−t),
/// ŷ(1 − ŷ) as σ(t)σ(−t), p − ½ as tanh(z/2)/2; the four soft counts are accumulated directly. ∂ℓ/∂z_i =
/// ∂ℓ/∂ŷ_i · L·σ(t_i)σ(−t_i) · p_i(1 − p_i).</para>
/// <para>The ε guard: a denominator d that can vanish (the F-beta denominator β²N₁ + S, the predicted-positive mass S of
/// precision, the class sizes N₁ and N₀, the MCC normaliser √(N₁N₀S(N − S))) is replaced by max(d, ε). Unlike the
/// extension code's d + ε, this leaves every ordinary batch exactly unchanged (the spec §8 vectors reproduce to
/// 1e-10; d + ε would move them by ~1e-6) and the reported gradient remains the exact derivative of the guarded loss
/// (the clamped denominator is a constant). With a class absent (N₁ = 0 or N₀ = 0) the soft metrics follow the hard
/// conventions of <see cref="ConfusionCounts"/>: that class's recall is 0, so G-mean and recall are 0, balanced
/// accuracy is the other recall / 2, MCC and F-beta (with N₁ = 0) are 0, and the gradient stays finite.
/// G-mean's value is exact; only its derivative √′ uses 1 / (2·max(G, ε)): the exact derivative with respect to ŷ
/// grows like 1/G as G → 0 (its chain product to z stays bounded), and is undefined at G = 0, where this gives 0
/// (G is then identically 0 when a class is absent). ε = 0 disables the floors; exact 0/0 cases still give 0.</para>
/// <para>Not replicated from the reference code (spec §5): N is always the batch size, and the G-mean gradient is the
/// exact one (the NumPy SLP's is 4× too large).</para>
/// <para>An instance keeps a scratch buffer for <see cref="Loss.Compute(MLNetDiff.Kernels.KernelBackend, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>, so it must not be shared between threads that
/// train concurrently; <see cref="Evaluate(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{double})"/> keeps no state.</para>
/// </remarks>
public sealed class AnyLossObjective : Loss
{
    private readonly string _name;
    private double[] _gradient = [];

    /// <summary>Creates the objective.</summary>
    /// <param name="metric">The metric M to maximise.</param>
    /// <param name="amplification">Amplification scale L &gt; 0 (finite). The default 73 is the largest integer for
    /// which σ(L/2) &lt; 1 in double (spec §5); the extension repository suggests 2–70.</param>
    /// <param name="beta">β &gt; 0 (finite) of <see cref="BinaryMetric.FBeta"/>; the other metrics ignore it.</param>
    /// <param name="epsilon">Floor ε ≥ 0 for denominators that can vanish (see remarks).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the exception names it.</exception>
    public AnyLossObjective(BinaryMetric metric = BinaryMetric.F1, double amplification = 73, double beta = 1,
        double epsilon = 1e-5)
    {
        if (!Enum.IsDefined(metric))
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown binary metric.");
        if (!(amplification > 0 && double.IsFinite(amplification)))
            throw new ArgumentOutOfRangeException(nameof(amplification), amplification, "The amplification L must be positive and finite.");
        if (!(beta > 0 && double.IsFinite(beta)))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite.");
        if (!(epsilon >= 0 && double.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be non-negative and finite.");
        Metric = metric;
        Amplification = amplification;
        Beta = beta;
        Epsilon = epsilon;
        _name = metric == BinaryMetric.FBeta
            ? "AnyLoss-F" + beta.ToString(CultureInfo.InvariantCulture)
            : "AnyLoss-" + metric.ToString();
    }

    /// <summary>The metric M; the loss is 1 − M.</summary>
    public BinaryMetric Metric { get; }

    /// <summary>Amplification scale L of ŷ = σ(L·(p − ½)).</summary>
    public double Amplification { get; }

    /// <summary>β of <see cref="BinaryMetric.FBeta"/> (ignored by the other metrics).</summary>
    public double Beta { get; }

    /// <summary>Floor of the denominators that can vanish.</summary>
    public double Epsilon { get; }

    /// <summary>"AnyLoss-" and the metric, e.g. "AnyLoss-F1", or "AnyLoss-F0.5" for F-beta with β = 0.5.</summary>
    public override string Name => _name;

    /// <summary>Throws unless the network has exactly one output (the logit) and one label per row.</summary>
    /// <param name="outputSize">Network outputs per row.</param>
    /// <param name="labelSize">Label floats per row.</param>
    /// <exception cref="ArgumentException">Either size is not 1.</exception>
    public override void ValidateShape(int outputSize, int labelSize)
    {
        if (outputSize != 1)
            throw new ArgumentException(
                $"{Name} needs a network with a single output (the logit), but it has {outputSize}.", nameof(outputSize));
        base.ValidateShape(outputSize, labelSize);
    }

    /// <summary>The batch loss 1 − M of single-precision logits, and its gradient ∂ℓ/∂z in double.</summary>
    /// <param name="logits">One logit z per row (at least one row).</param>
    /// <param name="labels">One label per row, in [0, 1] (0 or 1 for hard labels).</param>
    /// <param name="gradient">Receives ∂ℓ/∂z_i (one per row); empty for the value only.</param>
    /// <returns>The loss 1 − M of the batch.</returns>
    /// <exception cref="ArgumentException">The batch is empty, the lengths differ, or a label is outside [0, 1].</exception>
    public double Evaluate(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, Span<double> gradient)
    {
        CheckLengths(logits.Length, labels.Length, gradient.Length);
        return EvaluateCore(logits, labels, gradient);
    }

    /// <summary>The batch loss 1 − M of double-precision logits (e.g. for finite differences), and ∂ℓ/∂z.</summary>
    /// <param name="logits">One logit z per row (at least one row).</param>
    /// <param name="labels">One label per row, in [0, 1] (0 or 1 for hard labels).</param>
    /// <param name="gradient">Receives ∂ℓ/∂z_i (one per row); empty for the value only.</param>
    /// <returns>The loss 1 − M of the batch.</returns>
    /// <exception cref="ArgumentException">The batch is empty, the lengths differ, or a label is outside [0, 1].</exception>
    public double Evaluate(ReadOnlySpan<double> logits, ReadOnlySpan<double> labels, Span<double> gradient)
    {
        CheckLengths(logits.Length, labels.Length, gradient.Length);
        return EvaluateCore(logits, labels, gradient);
    }

    /// <summary>The batch loss 1 − M (not a mean over rows) and, unless the gradient span is empty, ∂ℓ/∂z.</summary>
    /// <param name="backend">Kernel backend (unused: the loss is O(rows) scalar work in double).</param>
    /// <param name="outputs">One logit per row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="outputSize">Must be 1.</param>
    /// <param name="outputGradient">Receives ∂ℓ/∂z, rounded to float; empty for evaluation only.</param>
    /// <returns>The batch loss.</returns>
    protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, Span<float> outputGradient)
    {
        if (outputSize != 1)
            throw new ArgumentException($"{Name} needs a single output (the logit) per row, not {outputSize}.", nameof(outputSize));
        if (outputGradient.IsEmpty)
            return EvaluateCore(outputs, labels, default);
        if (_gradient.Length < rows)
            _gradient = new double[rows];
        Span<double> gradient = _gradient.AsSpan(0, rows);
        double loss = EvaluateCore(outputs, labels, gradient);
        for (int i = 0; i < rows; i++)
            outputGradient[i] = (float)gradient[i];
        return loss;
    }

    private static void CheckLengths(int logits, int labels, int gradient)
    {
        if (logits == 0)
            throw new ArgumentException("The batch must hold at least one row.", nameof(logits));
        if (labels != logits)
            throw new ArgumentException($"'{nameof(labels)}' holds {labels} values but '{nameof(logits)}' holds {logits}.", nameof(labels));
        if (gradient != 0 && gradient != logits)
            throw new ArgumentException($"'{nameof(gradient)}' holds {gradient} values; it must be empty or hold {logits}.", nameof(gradient));
    }

    /// <summary>Two passes (spec §4): soft counts and the per-row factor ∂ŷ/∂z (cached in <paramref name="gradient"/>),
    /// then ∂ℓ/∂ŷ, which depends on the row only through its label.</summary>
    private double EvaluateCore<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> labels, Span<double> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = logits.Length;
        bool wantGradient = !gradient.IsEmpty;
        double amplification = Amplification;
        double tp = 0, fp = 0, tn = 0, fn = 0, n1 = 0, n0 = 0;
        for (int i = 0; i < n; i++)
        {
            double y = double.CreateTruncating(labels[i]);
            if (!(y >= 0 && y <= 1))
                throw new ArgumentException($"{Name} needs labels in [0, 1]; row {i} has {y}.", nameof(labels));
            double z = double.CreateTruncating(logits[i]);
            double t = amplification * 0.5 * Math.Tanh(0.5 * z);   // L·(σ(z) − ½) without cancellation
            double e = Math.Exp(-Math.Abs(t));
            double large = 1 / (1 + e), small = e / (1 + e);        // σ(|t|), σ(−|t|)
            double yHat = t >= 0 ? large : small, yHatComplement = t >= 0 ? small : large;
            tp += y * yHat;
            fn += y * yHatComplement;
            fp += (1 - y) * yHat;
            tn += (1 - y) * yHatComplement;
            n1 += y;
            n0 += 1 - y;
            if (wantGradient)
            {
                double ez = Math.Exp(-Math.Abs(z));
                double pq = ez / ((1 + ez) * (1 + ez));             // p(1 − p) = σ(z)σ(−z)
                gradient[i] = amplification * large * small * pq;  // ∂ŷ/∂z = L·σ(t)σ(−t)·p(1 − p)
            }
        }

        (double loss, double positive, double negative) = LossAndSlopes(tp, fp, tn, fn, n1, n0);
        if (wantGradient)
        {
            for (int i = 0; i < n; i++)
            {
                double y = double.CreateTruncating(labels[i]);
                gradient[i] *= y * positive + (1 - y) * negative;
            }
        }
        return loss;
    }

    /// <summary>The loss 1 − M and ∂ℓ/∂ŷ for a positive and for a negative row (spec §2–§3; for a fractional label y the
    /// slope is y·positive + (1 − y)·negative). A positive row's ŷ enters TP and FN (∂TP = 1, ∂FN = −1), a negative
    /// row's enters FP and TN (∂FP = 1, ∂TN = −1).</summary>
    private (double Loss, double Positive, double Negative) LossAndSlopes(double tp, double fp, double tn, double fn,
        double n1, double n0)
    {
        double eps = Epsilon;
        double s = tp + fp;      // predicted-positive mass S
        double sc = tn + fn;     // predicted-negative mass N − S
        switch (Metric)
        {
            case BinaryMetric.Accuracy:
            {
                // ℓ = (FP + FN)/N, the same as 1 − (TP + TN)/N without its cancellation near a perfect fit.
                double count = n1 + n0;
                return ((fp + fn) / count, -1 / count, 1 / count);
            }
            case BinaryMetric.F1:
                return FBetaLoss(1, tp, s, n1, eps);
            case BinaryMetric.FBeta:
                return FBetaLoss(Beta * Beta, tp, s, n1, eps);
            case BinaryMetric.Precision:
            {
                double d = Math.Max(s, eps);
                double dd = s > eps ? 1 : 0;                         // ∂d/∂S (0 while clamped)
                double slope = Ratio(tp * dd, d * d);                // −∂M/∂ŷ from the denominator
                return (1 - Ratio(tp, d), -Ratio(1, d) + slope, slope);
            }
            case BinaryMetric.Recall:
            {
                double d = Math.Max(n1, eps);
                return (1 - Ratio(tp, d), -Ratio(1, d), 0);
            }
            case BinaryMetric.BalancedAccuracy:
            {
                double d1 = Math.Max(n1, eps), d0 = Math.Max(n0, eps);
                double m = 0.5 * (Ratio(tp, d1) + Ratio(tn, d0));
                return (1 - m, -0.5 * Ratio(1, d1), 0.5 * Ratio(1, d0));
            }
            case BinaryMetric.GMean:
            {
                double d1 = Math.Max(n1, eps), d0 = Math.Max(n0, eps);
                double tpr = Ratio(tp, d1), tnr = Ratio(tn, d0);
                double g = Math.Sqrt(tpr * tnr);
                double twoG = 2 * Math.Max(g, eps);                  // √′ guard (see remarks)
                // ∂G/∂ŷ = (∂TPR·TNR + TPR·∂TNR)/(2G), ∂TPR = 1/N₁ (positive row), ∂TNR = −1/N₀ (negative row).
                return (1 - g, -Ratio(Ratio(tnr, d1), twoG), Ratio(Ratio(tpr, d0), twoG));
            }
            case BinaryMetric.Mcc:
            {
                // MCC = (TP·TN − FP·FN)/Q, Q = √(N₁N₀·S·(N − S)); ∂num/∂ŷ = N₀ (positive), −N₁ (negative);
                // ∂Q/∂ŷ = N₁N₀(N − 2S)/(2Q) for both.
                double numerator = tp * tn - fp * fn;
                double q = Math.Sqrt(n1 * n0) * Math.Sqrt(s * sc);
                double d = Math.Max(q, eps);
                double dq = q > eps ? n1 * n0 * (sc - s) / (2 * q) : 0;
                double mcc = Ratio(numerator, d);
                double common = Ratio(numerator * dq, d * d);
                return (1 - mcc, -Ratio(n0, d) + common, Ratio(n1, d) + common);
            }
            default:
                throw new InvalidOperationException($"Unknown metric {Metric}.");
        }
    }

    /// <summary>F-beta = (1 + β²)TP / D, D = β²N₁ + S (spec §2).</summary>
    private static (double Loss, double Positive, double Negative) FBetaLoss(double b2, double tp, double s, double n1,
        double eps)
    {
        double raw = b2 * n1 + s;
        double d = Math.Max(raw, eps);
        double dd = raw > eps ? 1 : 0;
        double k = 1 + b2;
        double slope = Ratio(k * tp * dd, d * d);   // from ∂D/∂ŷ = 1 (every row's ŷ is in S)
        return (1 - Ratio(k * tp, d), -Ratio(k, d) + slope, slope);
    }

    /// <summary>numerator / denominator, with 0/0 (ε = 0 on a degenerate batch) taken as 0.</summary>
    private static double Ratio(double numerator, double denominator) =>
        denominator > 0 ? numerator / denominator : 0;
}
