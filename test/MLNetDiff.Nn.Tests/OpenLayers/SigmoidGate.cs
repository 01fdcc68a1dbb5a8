using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Nn.Tests.OpenLayers;

/// <summary>
/// A layer defined outside the engine, the way a component defines its own (a deterministic cousin of a Gumbel
/// feature gate): y[r, i] = x[r, i]·σ(g[i]) with one trainable gate logit g[i] per feature. Written only against the
/// public <see cref="Layer"/> contract.
/// </summary>
internal sealed class SigmoidGate : Layer
{
    public SigmoidGate(int size, float initialLogit)
        : base(size, size)
    {
        if (!float.IsFinite(initialLogit))
            throw new ArgumentOutOfRangeException(nameof(initialLogit), initialLogit, "The initial gate logit must be finite.");
        InitialLogit = initialLogit;
    }

    /// <summary>Every gate logit starts here.</summary>
    public float InitialLogit { get; }

    public override int ParameterCount => InputSize;

    public override void InitializeParameters(Span<float> parameters, KernelBackend backend, ulong seed)
        => parameters.Fill(InitialLogit);

    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        int n = InputSize;
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < n; i++)
                output[r * n + i] = input[r * n + i] * Sigmoid(parameters[i]);
        }
    }

    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
    {
        int n = InputSize;
        // ∂y/∂g = x·σ(g)(1 − σ(g)); ∂y/∂x = σ(g). Gradients are overwritten, as the Layer contract requires.
        for (int i = 0; i < n; i++)
        {
            float s = Sigmoid(parameters[i]);
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                float dy = outputGradient[r * n + i];
                sum += (double)dy * input[r * n + i];
                if (!inputGradient.IsEmpty)
                    inputGradient[r * n + i] = dy * s;
            }
            parameterGradients[i] = (float)(sum * s * (1f - s));
        }
    }

    public override string ToString() => $"SigmoidGate({InputSize})";

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
