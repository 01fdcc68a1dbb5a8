using System;

namespace MLNetDiff.Kernels;

/// <summary>Scalar activation formulas: the reference for every SIMD path, and the tails of vector loops.</summary>
internal static class ActivationMath
{
    /// <summary>√(2/π), the GELU tanh-approximation constant.</summary>
    public const float GeluScale = 0.7978845608028654f;

    /// <summary>The cubic coefficient of the GELU tanh approximation.</summary>
    public const float GeluCubic = 0.044715f;

    public static float Forward(Activation activation, float alpha, float z) => activation switch
    {
        Activation.Identity => z,
        Activation.Relu => z <= 0f ? 0f : z, // not "z > 0 ? z : 0": NaN must propagate
        Activation.LeakyRelu => z > 0f ? z : alpha * z,
        Activation.Gelu => 0.5f * z * (1f + MathF.Tanh(GeluScale * (z + GeluCubic * z * z * z))),
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => MathF.Tanh(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>f'(z), given the pre-activation z and (for sigmoid and tanh) the output y = f(z).</summary>
    public static float Derivative(Activation activation, float alpha, float z, float y)
    {
        switch (activation)
        {
            case Activation.Identity:
                return 1f;
            case Activation.Relu:
                return z > 0f ? 1f : 0f;
            case Activation.LeakyRelu:
                return z > 0f ? 1f : alpha;
            case Activation.Gelu:
                float t = MathF.Tanh(GeluScale * (z + GeluCubic * z * z * z));
                return 0.5f * (1f + t) + 0.5f * z * (1f - t * t) * GeluScale * (1f + 3f * GeluCubic * z * z);
            case Activation.Sigmoid:
                return y * (1f - y);
            case Activation.Tanh:
                return 1f - y * y;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>Numerically stable logistic function (no overflow for large |z|).</summary>
    public static float Sigmoid(float z)
    {
        if (z >= 0f)
            return 1f / (1f + MathF.Exp(-z));
        float e = MathF.Exp(z);
        return e / (1f + e);
    }
}
