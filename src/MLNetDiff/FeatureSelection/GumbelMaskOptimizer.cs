using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// Adam over the mask network w = W_m·e + b_m (specs/gfsnetwork.md §2.1, §3.3) without materialising W_m: it keeps the
/// D logits and two moments per feature instead of D·(E+1) parameters and their 2·D·(E+1) moments.
/// </summary>
/// <remarks>
/// <para>Why it is exact (in real arithmetic): e is fixed and W_m starts at zero, so ∂L/∂W_m[i,j] = g_i·e_j and
/// ∂L/∂b_i = g_i with g_i = ∂L/∂w_i. Adam's moments are linear EMAs of the gradient and its square, so by induction
/// m_ij = e_j·M_i and v_ij = e_j²·V_i, where M_i, V_i are the EMAs of g_i and g_i² (the bias's own moments). With
/// a_i = √V̂_i the parameter steps are ΔW_ij = −lr·e_j·M̂_i / (|e_j|·a_i + ε) and Δb_i = −lr·M̂_i / (a_i + ε), so
/// the logit moves by Δw_i = Σ_j e_j·ΔW_ij + Δb_i = −lr·M̂_i·f(a_i) with f(a) = Σ_c c² / (|c|·a + ε) over
/// c ∈ {1 (the bias), e_1, …, e_E}. Per step that is O(D·E) divisions and no D×E memory traffic.</para>
/// <para>Rounding: the moments and logits are double, f is summed in float (like the float Adam kernel's
/// √v̂ + ε denominators); the explicit float form accumulates its own roundings in every W_m entry instead. The
/// two agree within a tested tolerance (<c>GumbelMaskOptimizerTests</c>), not bit for bit. W_m itself is never
/// needed: the fit's only use of it is the logits (the transformer saves the logits, not the network).</para>
/// <para>f is evaluated directly rather than approximated: the ε terms matter here, because the selection
/// gradients are small (λ/D·m(1−m)/τ ≈ 1e-6 at D = 10,000), so a ≈ ε/|e_j| for small |e_j|.</para>
/// </remarks>
internal sealed class GumbelMaskOptimizer
{
    private readonly double[] _logits;
    private readonly double[] _m;
    private readonly double[] _v;
    private readonly float[] _f;
    private readonly float[] _abs;
    private readonly float[] _square;
    private readonly double _beta1, _beta2;
    private readonly float _epsilon;

    /// <summary>Creates the optimizer at the initial logits (W_m = 0, so w = b_m).</summary>
    /// <param name="initialLogits">The D starting logits (the bias b_m).</param>
    /// <param name="embedding">The fixed embedding e.</param>
    /// <param name="beta1">Adam's β1 (the float the engine's Adam takes, widened).</param>
    /// <param name="beta2">Adam's β2.</param>
    /// <param name="epsilon">Adam's ε.</param>
    public GumbelMaskOptimizer(ReadOnlySpan<float> initialLogits, ReadOnlySpan<float> embedding, float beta1 = 0.9f,
        float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        int d = initialLogits.Length;
        _logits = new double[d];
        for (int i = 0; i < d; i++)
            _logits[i] = initialLogits[i];
        _m = new double[d];
        _v = new double[d];
        _f = new float[d];
        // The bias is the term with c = 1; an embedding value of 0 moves nothing and is left out.
        int terms = 1;
        foreach (float c in embedding)
            terms += c != 0f ? 1 : 0;
        _abs = new float[terms];
        _square = new float[terms];
        _abs[0] = 1f;
        _square[0] = 1f;
        int t = 1;
        foreach (float c in embedding)
        {
            if (c == 0f)
                continue;
            _abs[t] = MathF.Abs(c);
            _square[t] = c * c;
            t++;
        }
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>The current logits w (D values).</summary>
    public ReadOnlySpan<double> Logits => _logits;

    /// <summary>Updates performed so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>Writes the logits as floats (what the gate computes from W_m·e + b_m in the explicit form).</summary>
    public void CopyLogits(Span<float> destination)
    {
        for (int i = 0; i < _logits.Length; i++)
            destination[i] = (float)_logits[i];
    }

    /// <summary>One Adam step given g = ∂L/∂w (D values) at learning rate <paramref name="learningRate"/>.</summary>
    public void Step(ReadOnlySpan<double> gradient, float learningRate)
    {
        int d = _logits.Length;
        if (gradient.Length < d)
            throw new ArgumentException($"'{nameof(gradient)}' holds {gradient.Length} values; {d} are needed.", nameof(gradient));
        StepCount++;
        double bc1 = 1 - Math.Pow(_beta1, StepCount), bc2 = 1 - Math.Pow(_beta2, StepCount);
        double b1 = _beta1, b2 = _beta2, c1 = 1 - _beta1, c2 = 1 - _beta2;
        Span<float> a = _f;
        for (int i = 0; i < d; i++)
        {
            double g = gradient[i];
            _m[i] = b1 * _m[i] + c1 * g;
            _v[i] = b2 * _v[i] + c2 * g * g;
            a[i] = (float)Math.Sqrt(_v[i] / bc2);
        }
        StepFactors(a, _abs, _square, _epsilon);
        double lr = learningRate;
        for (int i = 0; i < d; i++)
            _logits[i] -= lr * (_m[i] / bc1) * a[i];
    }

    /// <summary>In place: a[i] ← f(a[i]) = Σ_c square[c] / (abs[c]·a[i] + ε), terms added in order. The vector path
    /// does, per lane, the same float operations in the same order as the scalar loop, so the same bits.</summary>
    internal static void StepFactors(Span<float> a, ReadOnlySpan<float> abs, ReadOnlySpan<float> square, float epsilon)
    {
        int i = 0, terms = abs.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ra = ref MemoryMarshal.GetReference(a);
            var eps = Vector256.Create(epsilon);
            for (; i + 16 <= a.Length; i += 16)
            {
                // Two independent vectors per pass: the divisions of one overlap the other's.
                Vector256<float> x0 = Vector256.LoadUnsafe(ref ra, (nuint)i), x1 = Vector256.LoadUnsafe(ref ra, (nuint)(i + 8));
                Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero;
                for (int c = 0; c < terms; c++)
                {
                    var ac = Vector256.Create(abs[c]);
                    var sc = Vector256.Create(square[c]);
                    s0 += sc / (ac * x0 + eps);
                    s1 += sc / (ac * x1 + eps);
                }
                s0.StoreUnsafe(ref ra, (nuint)i);
                s1.StoreUnsafe(ref ra, (nuint)(i + 8));
            }
        }
        for (; i < a.Length; i++)
        {
            float x = a[i], s = 0f;
            for (int c = 0; c < terms; c++)
                s += square[c] / (abs[c] * x + epsilon);
            a[i] = s;
        }
    }
}
