using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// Adam (no weight decay) over the task network's first-layer weights W1 (D × H), fused with the pass that turns
/// G = xᵀ·dz1 into the gate's ∂L/∂m and W1's gradient diag(m)·G (<see cref="GumbelTrainingNetwork"/>).
/// </summary>
/// <remarks>
/// <para>Why fused: at D = 10,000 W1 and its two moments are 3.8 MB, outside the core's L2, and the separate passes
/// (G → dW1 in place, then the engine's Adam reading dW1 again) were about 15 % of a step. One pass reads W1, G and the
/// moments once and writes W1 and the moments once, so dW1 is never stored.</para>
/// <para>Same update as the engine's Adam kernel (β1, β2, ε in float; m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ),
/// w −= lr·m̂/(√v̂ + ε)), written as w −= (lr/(1 − β1ᵗ))·m / (√v·(1/√(1 − β2ᵗ)) + ε): one division and one square root
/// per weight instead of three divisions and a square root. The rounding differs from the kernel's by an ulp or so
/// per step (tested against it within tolerance). Vector and scalar paths do the same float operations per element.</para>
/// <para>∂L/∂m_i = Σ_h W1_ih·G_ih is taken with the weights before this step's update (the gradient of this step's
/// loss), as four double partial sums (h mod 4) added as (s0 + s1) + (s2 + s3), like
/// <see cref="GumbelGateArithmetic.MaskGradientAndScale"/>.</para>
/// </remarks>
internal sealed class GumbelFirstLayerAdam
{
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly float _beta1, _beta2, _epsilon;

    public GumbelFirstLayerAdam(int count, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _m = new float[count];
        _v = new float[count];
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>Updates performed so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>One step: for each feature i (a row of <paramref name="h"/> weights), dm[i] = Σ_h W[i,h]·G[i,h], then
    /// Adam on W[i,·] with the gradient mask[i]·G[i,·].</summary>
    public void Step(Span<float> weights, ReadOnlySpan<float> g, ReadOnlySpan<float> mask, int h, Span<double> dm,
        float learningRate)
    {
        int d = mask.Length;
        if (weights.Length != d * h || g.Length < d * h || _m.Length != d * h)
            throw new ArgumentException($"The first layer has {_m.Length} weights; got {weights.Length} weights and {g.Length} gradients for {d} × {h}.", nameof(weights));
        StepCount++;
        float step = (float)(learningRate / (1.0 - Math.Pow(_beta1, StepCount)));
        float root = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(_beta2, StepCount)));
        float b1 = _beta1, b2 = _beta2, c1 = 1f - _beta1, c2 = 1f - _beta2, eps = _epsilon;
        bool vector = Vector256.IsHardwareAccelerated;
        ref float rw = ref MemoryMarshal.GetReference(weights);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(_m.AsSpan());
        ref float rv = ref MemoryMarshal.GetReference(_v.AsSpan());
        var vb1 = Vector256.Create(b1);
        var vb2 = Vector256.Create(b2);
        var vc1 = Vector256.Create(c1);
        var vc2 = Vector256.Create(c2);
        var vstep = Vector256.Create(step);
        var vroot = Vector256.Create(root);
        var veps = Vector256.Create(eps);
        for (int i = 0; i < d; i++)
        {
            int row = i * h, k = 0;
            float mi = mask[i];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            if (vector)
            {
                Vector256<double> acc = Vector256<double>.Zero;
                var vmask = Vector256.Create(mi);
                for (; k + 8 <= h; k += 8)
                {
                    nuint at = (nuint)(row + k);
                    Vector256<float> w = Vector256.LoadUnsafe(ref rw, at);
                    Vector256<float> gv = Vector256.LoadUnsafe(ref rg, at);
                    (Vector256<double> wLo, Vector256<double> wHi) = Vector256.Widen(w);
                    (Vector256<double> gLo, Vector256<double> gHi) = Vector256.Widen(gv);
                    acc += wLo * gLo;
                    acc += wHi * gHi;
                    Vector256<float> grad = gv * vmask;
                    Vector256<float> m = vb1 * Vector256.LoadUnsafe(ref rm, at) + vc1 * grad;
                    Vector256<float> v = vb2 * Vector256.LoadUnsafe(ref rv, at) + vc2 * (grad * grad);
                    m.StoreUnsafe(ref rm, at);
                    v.StoreUnsafe(ref rv, at);
                    (w - vstep * m / (Vector256.Sqrt(v) * vroot + veps)).StoreUnsafe(ref rw, at);
                }
                s0 = acc[0];
                s1 = acc[1];
                s2 = acc[2];
                s3 = acc[3];
            }
            for (; k < h; k++)
            {
                int at = row + k;
                float w = weights[at], gk = g[at];
                double p = (double)w * gk;
                switch (k & 3)
                {
                    case 0: s0 += p; break;
                    case 1: s1 += p; break;
                    case 2: s2 += p; break;
                    default: s3 += p; break;
                }
                float grad = gk * mi;
                float m = b1 * _m[at] + c1 * grad;
                float v = b2 * _v[at] + c2 * (grad * grad);
                _m[at] = m;
                _v[at] = v;
                weights[at] = w - step * m / (MathF.Sqrt(v) * root + eps);
            }
            dm[i] = (s0 + s1) + (s2 + s3);
        }
    }
}
