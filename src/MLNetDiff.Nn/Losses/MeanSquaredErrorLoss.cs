using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Losses;

/// <summary>Mean squared error over every output element: ℓ = mean((z − t)²), ∂ℓ/∂z = 2(z − t)/count.</summary>
public sealed class MeanSquaredErrorLoss : Loss
{
    private float[] _scratch = [];

    /// <summary>A mean over elements: shards combine by row weights.</summary>
    internal override Loss? CreateShardCopy() => new MeanSquaredErrorLoss();

    /// <inheritdoc/>
    public override string Name => "MeanSquaredError";

    /// <inheritdoc/>
    protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, Span<float> outputGradient)
    {
        int count = outputs.Length;
        Span<float> diff = outputGradient.IsEmpty ? Grow(ref _scratch, count).AsSpan(0, count) : outputGradient;
        TensorPrimitives.Subtract(outputs, labels, diff);
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += (double)diff[i] * diff[i];
        if (!outputGradient.IsEmpty)
            TensorPrimitives.Multiply(outputGradient, 2f / count, outputGradient);
        return sum / count;
    }

    /// <inheritdoc/>
    public override bool SupportsRowWeights => true;

    /// <inheritdoc/>
    protected override double ComputeWeightedCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        ReadOnlySpan<float> weights, int rows, int outputSize, Span<float> outputGradient)
    {
        double weightSum = WeightSum(weights);
        if (weightSum <= 0)
        {
            outputGradient.Clear();
            return 0;
        }
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            float rowScale = (float)(2.0 * weights[r] / (weightSum * outputSize));
            double rowSum = 0;
            for (int j = 0; j < outputSize; j++)
            {
                int i = r * outputSize + j;
                float d = outputs[i] - labels[i];
                rowSum += (double)d * d;
                if (!outputGradient.IsEmpty)
                    outputGradient[i] = d * rowScale;
            }
            sum += weights[r] * rowSum;
        }
        return sum / (weightSum * outputSize);
    }
}
