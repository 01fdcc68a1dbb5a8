using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Losses;

/// <summary>
/// Binary cross-entropy on logits, averaged over every output element:
/// ℓ(z, y) = w₊·y·softplus(−z) + w₋·(1 − y)·softplus(z), softplus(t) = max(t, 0) + log(1 + e^−|t|).
/// </summary>
/// <remarks>Never forms σ(z) before the log, so it is finite for any logit. ∂ℓ/∂z = w₋(1 − y)σ(z) − w₊·y·σ(−z), which is
/// σ(z) − y when both weights are 1. Labels are targets in [0, 1] (soft labels allowed), one per output. The weights
/// match PyTorch's <c>pos_weight</c> (w₊) and a per-negative weight (w₋); the mean is over elements, not weights.</remarks>
public sealed class BinaryCrossEntropyWithLogitsLoss : Loss
{
    private float[] _scratch = [];

    /// <summary>Creates the loss.</summary>
    /// <param name="positiveWeight">Weight w₊ of the positive term (e.g. N₋/N₊ to balance classes).</param>
    /// <param name="negativeWeight">Weight w₋ of the negative term.</param>
    public BinaryCrossEntropyWithLogitsLoss(float positiveWeight = 1f, float negativeWeight = 1f)
    {
        if (!(positiveWeight >= 0f && float.IsFinite(positiveWeight)))
            throw new ArgumentOutOfRangeException(nameof(positiveWeight), positiveWeight, "The weight must be finite and non-negative.");
        if (!(negativeWeight >= 0f && float.IsFinite(negativeWeight)))
            throw new ArgumentOutOfRangeException(nameof(negativeWeight), negativeWeight, "The weight must be finite and non-negative.");
        PositiveWeight = positiveWeight;
        NegativeWeight = negativeWeight;
    }

    /// <summary>Weight of the positive term.</summary>
    public float PositiveWeight { get; }

    /// <summary>Weight of the negative term.</summary>
    public float NegativeWeight { get; }

    /// <summary>A mean over elements: shards combine by row weights.</summary>
    internal override Loss? CreateShardCopy() => new BinaryCrossEntropyWithLogitsLoss(PositiveWeight, NegativeWeight);

    /// <inheritdoc/>
    public override string Name => "BinaryCrossEntropyWithLogits";

    /// <inheritdoc/>
    protected override double ComputeCore(KernelBackend backend, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, Span<float> outputGradient)
    {
        int count = outputs.Length;
        // tail = log(1 + e^−|z|), vectorised; softplus(z) = max(z, 0) + tail.
        Span<float> tail = Grow(ref _scratch, count).AsSpan(0, count);
        TensorPrimitives.Abs(outputs, tail);
        TensorPrimitives.Negate(tail, tail);
        TensorPrimitives.Exp(tail, tail);
        TensorPrimitives.LogP1(tail, tail);

        float wp = PositiveWeight, wn = NegativeWeight;
        double sum = 0;
        if (wp == 1f && wn == 1f)
        {
            // softplus(−z)·y + softplus(z)·(1 − y) = softplus(z) − y·z.
            for (int i = 0; i < count; i++)
            {
                float z = outputs[i];
                sum += (double)(Math.Max(z, 0f) + tail[i]) - (double)labels[i] * z;
            }
            if (!outputGradient.IsEmpty)
            {
                TensorPrimitives.Sigmoid(outputs, outputGradient);
                TensorPrimitives.Subtract(outputGradient, labels, outputGradient);
                TensorPrimitives.Multiply(outputGradient, 1f / count, outputGradient);
            }
            return sum / count;
        }

        float scale = 1f / count;
        for (int i = 0; i < count; i++)
        {
            float z = outputs[i];
            float y = labels[i];
            float softplusPos = Math.Max(z, 0f) + tail[i];   // softplus(z)
            float softplusNeg = softplusPos - z;              // softplus(−z)
            sum += (double)wp * y * softplusNeg + (double)wn * (1f - y) * softplusPos;
            if (!outputGradient.IsEmpty)
            {
                float s = ActivationSigmoid(z);
                outputGradient[i] = (wn * (1f - y) * s - wp * y * (1f - s)) * scale;
            }
        }
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
        // Row r's loss is the mean of its outputs' terms, so element i of row r weighs w_r / (W · outputs).
        float wp = PositiveWeight, wn = NegativeWeight;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            float rowScale = (float)(weights[r] / (weightSum * outputSize));
            double rowSum = 0;
            for (int j = 0; j < outputSize; j++)
            {
                int i = r * outputSize + j;
                float z = outputs[i], y = labels[i];
                float softplusPos = Math.Max(z, 0f) + MathF.Log(1f + MathF.Exp(-Math.Abs(z)));
                float softplusNeg = softplusPos - z;
                rowSum += (double)wp * y * softplusNeg + (double)wn * (1f - y) * softplusPos;
                if (!outputGradient.IsEmpty)
                {
                    float s = ActivationSigmoid(z);
                    outputGradient[i] = (wn * (1f - y) * s - wp * y * (1f - s)) * rowScale;
                }
            }
            sum += weights[r] * rowSum;
        }
        return sum / (weightSum * outputSize);
    }

    private static float ActivationSigmoid(float z)
    {
        if (z >= 0f)
            return 1f / (1f + MathF.Exp(-z));
        float e = MathF.Exp(z);
        return e / (1f + e);
    }
}
