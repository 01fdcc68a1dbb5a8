using System;
using System.IO;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Layers;

/// <summary>
/// Layer normalisation (Ba, Kiros &amp; Hinton 2016): each row is standardised over its own features,
/// x̂ = (x − μ)/√(σ² + ε), then y = γ ⊙ x̂ + β when <see cref="Affine"/>.
/// </summary>
/// <remarks>Chosen over batch normalisation because it is independent of the batch: training and inference compute the
/// same function, there are no running statistics to keep, and batches of one row work. Parameter layout: γ
/// (Size floats, initialised to 1) then β (Size floats, initialised to 0). Scratch keeps (μ, 1/√(σ²+ε)) per row.
/// Backward: dx = r·(g − mean(g) − x̂·mean(g ⊙ x̂)) with g = dy ⊙ γ and r = 1/√(σ²+ε).</remarks>
public sealed class LayerNorm : Layer
{
    /// <summary>Creates a layer-normalisation layer.</summary>
    /// <param name="size">Floats per row.</param>
    /// <param name="epsilon">Added to the variance before the square root (&gt; 0).</param>
    /// <param name="affine">Whether to learn the per-feature scale γ and shift β.</param>
    public LayerNorm(int size, float epsilon = 1e-5f, bool affine = true)
        : base(size, size)
    {
        if (!(epsilon > 0f && float.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        Epsilon = epsilon;
        Affine = affine;
    }

    /// <summary>Variance stabiliser.</summary>
    public float Epsilon { get; }

    /// <summary>Whether γ and β are learned.</summary>
    public bool Affine { get; }

    /// <inheritdoc/>
    public override int ParameterCount => Affine ? 2 * InputSize : 0;

    /// <inheritdoc/>
    public override int ScratchSizePerRow => 2;

    /// <inheritdoc/>
    public override void InitializeParameters(Span<float> parameters, KernelBackend backend, ulong seed)
    {
        if (!Affine)
            return;
        parameters.Slice(0, InputSize).Fill(1f);
        parameters.Slice(InputSize, InputSize).Clear();
    }

    /// <inheritdoc/>
    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        int n = InputSize;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> x = input.Slice(r * n, n);
            Span<float> y = output.Slice(r * n, n);
            float mean = TensorPrimitives.Sum(x) / n;
            TensorPrimitives.Subtract(x, mean, y);
            float variance = TensorPrimitives.SumOfSquares(y) / n;
            float inverseStd = 1f / MathF.Sqrt(variance + Epsilon);
            TensorPrimitives.Multiply(y, inverseStd, y);
            if (Affine)
                TensorPrimitives.FusedMultiplyAdd(y, parameters.Slice(0, n), parameters.Slice(n, n), y);
            scratch[2 * r] = mean;
            scratch[2 * r + 1] = inverseStd;
        }
    }

    /// <inheritdoc/>
    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
    {
        int n = InputSize;
        ReadOnlySpan<float> gamma = Affine ? parameters.Slice(0, n) : default;
        Span<float> dGamma = Affine ? parameterGradients.Slice(0, n) : default;
        Span<float> dBeta = Affine ? parameterGradients.Slice(n, n) : default;
        dGamma.Clear();
        dBeta.Clear();
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> x = input.Slice(r * n, n);
            ReadOnlySpan<float> dy = outputGradient.Slice(r * n, n);
            float mean = scratch[2 * r];
            float inverseStd = scratch[2 * r + 1];
            double sumG = 0, sumGXhat = 0;
            for (int c = 0; c < n; c++)
            {
                float xhat = (x[c] - mean) * inverseStd;
                float g = dy[c];
                if (Affine)
                {
                    dBeta[c] += g;
                    dGamma[c] += g * xhat;
                    g *= gamma[c];
                }
                sumG += g;
                sumGXhat += (double)g * xhat;
            }
            if (inputGradient.IsEmpty)
                continue;
            Span<float> dx = inputGradient.Slice(r * n, n);
            float meanG = (float)(sumG / n);
            float meanGXhat = (float)(sumGXhat / n);
            for (int c = 0; c < n; c++)
            {
                float xhat = (x[c] - mean) * inverseStd;
                float g = Affine ? dy[c] * gamma[c] : dy[c];
                dx[c] = inverseStd * (g - meanG - xhat * meanGXhat);
            }
        }
    }

    internal void WriteSpecification(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(Epsilon);
        writer.Write(Affine);
    }

    /// <inheritdoc/>
    public override string ToString() => $"LayerNorm({InputSize}{(Affine ? "" : ", no affine")})";
}
