using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (PyTorch's rule, no
/// dampening): g' = g + λw; b = μb + g'; w −= lr·(nesterov ? g' + μb : b); plain w −= lr·g' when μ = 0.
/// </summary>
public sealed class SgdOptimizer : Optimizer
{
    private float[] _velocity = [];
    private float[] _work = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="momentum">Momentum μ in [0, 1).</param>
    /// <param name="nesterov">Use Nesterov momentum (requires μ &gt; 0).</param>
    /// <param name="weightDecay">L2 weight decay λ ≥ 0.</param>
    public SgdOptimizer(float momentum = 0f, bool nesterov = false, float weightDecay = 0f)
    {
        if (!(momentum >= 0f && momentum < 1f))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        if (nesterov && momentum == 0f)
            throw new ArgumentException("Nesterov momentum needs a positive momentum.", nameof(nesterov));
        if (!(weightDecay >= 0f && float.IsFinite(weightDecay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be finite and non-negative.");
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public override string Name => Momentum == 0f ? "SGD" : Nesterov ? "SGD+Nesterov" : "SGD+momentum";

    /// <summary>Momentum μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 weight decay λ.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _velocity = Momentum > 0f ? new float[count] : [];
        _work = WeightDecay > 0f || Nesterov ? new float[count] : [];
    }

    /// <inheritdoc/>
    protected override void ClearState() => _velocity.AsSpan().Clear();

    /// <inheritdoc/>
    protected override void UpdateCore(KernelBackend backend, Span<float> parameters, ReadOnlySpan<float> gradients,
        float learningRate, long step)
    {
        ReadOnlySpan<float> g = gradients;
        if (WeightDecay > 0f)
        {
            TensorPrimitives.MultiplyAdd(parameters, WeightDecay, gradients, _work);
            g = _work;
        }
        ReadOnlySpan<float> update = g;
        if (Momentum > 0f)
        {
            TensorPrimitives.MultiplyAdd(_velocity, Momentum, g, _velocity);
            if (Nesterov)
            {
                TensorPrimitives.MultiplyAdd(_velocity, Momentum, g, _work);
                update = _work;
            }
            else
            {
                update = _velocity;
            }
        }
        TensorPrimitives.MultiplyAdd(update, -learningRate, parameters, parameters);
    }
}
