using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with L2 weight decay, or AdamW (Loshchilov &amp; Hutter 2019) with decoupled weight decay
/// when <see cref="Decoupled"/>; one fused <see cref="KernelBackend.AdamUpdate"/> call per step over the whole buffer.
/// </summary>
public sealed class AdamOptimizer : Optimizer
{
    private float[] _m = [];
    private float[] _v = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="beta1">First-moment decay in [0, 1).</param>
    /// <param name="beta2">Second-moment decay in [0, 1).</param>
    /// <param name="epsilon">Denominator stabiliser (&gt; 0).</param>
    /// <param name="weightDecay">Weight decay λ ≥ 0 (added to the gradient for Adam, applied to the weights for AdamW).</param>
    /// <param name="decoupled">True for AdamW.</param>
    public AdamOptimizer(float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f,
        bool decoupled = false)
    {
        if (!(beta1 >= 0f && beta1 < 1f))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Beta1 must be in [0, 1).");
        if (!(beta2 >= 0f && beta2 < 1f))
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Beta2 must be in [0, 1).");
        if (!(epsilon > 0f && float.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        if (!(weightDecay >= 0f && float.IsFinite(weightDecay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be finite and non-negative.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
    }

    /// <inheritdoc/>
    public override string Name => Decoupled ? "AdamW" : "Adam";

    /// <summary>First-moment decay.</summary>
    public float Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public float Beta2 { get; }

    /// <summary>Denominator stabiliser.</summary>
    public float Epsilon { get; }

    /// <summary>Weight decay λ.</summary>
    public float WeightDecay { get; }

    /// <summary>True for AdamW (decoupled weight decay).</summary>
    public bool Decoupled { get; }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _m = new float[count];
        _v = new float[count];
    }

    /// <inheritdoc/>
    protected override void ClearState()
    {
        _m.AsSpan().Clear();
        _v.AsSpan().Clear();
    }

    /// <inheritdoc/>
    protected override void UpdateCore(KernelBackend backend, Span<float> parameters, ReadOnlySpan<float> gradients,
        float learningRate, long step)
        => backend.AdamUpdate(parameters, gradients, _m, _v,
            new AdamParameters(learningRate, Beta1, Beta2, Epsilon, WeightDecay, Decoupled, step));
}
