using System;
using System.Numerics;

namespace MLNetDiff.Clustering.Clam;

/// <summary>
/// Adam on the prototypes (β1 0.9, β2 0.999, ε 1e-7: Keras' defaults, the reference is TensorFlow). Own loop over
/// <typeparamref name="T"/> rather than the kernel layer's fused float Adam: K·d is tiny next to the O(B·T·K·d)
/// dynamics, and one loop keeps the float and double fits the same algorithm.
/// </summary>
internal sealed class ClamAdam<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-7;
    private readonly T[] _m, _v;
    private long _step;

    public ClamAdam(int parameters)
    {
        _m = new T[parameters];
        _v = new T[parameters];
    }

    public void Update(Span<T> weights, ReadOnlySpan<T> gradients, double learningRate)
    {
        _step++;
        double c1 = 1 - Math.Pow(Beta1, _step), c2 = 1 - Math.Pow(Beta2, _step);
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2);
        T ob1 = T.One - b1, ob2 = T.One - b2;
        T stepSize = T.CreateTruncating(learningRate / c1), root = T.CreateTruncating(1 / Math.Sqrt(c2));
        T epsilon = T.CreateTruncating(Epsilon);
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradients[i];
            _m[i] = b1 * _m[i] + ob1 * g;
            _v[i] = b2 * _v[i] + ob2 * g * g;
            // w −= lr·m̂/(√v̂ + ε), m̂ = m/c1, √v̂ = √v/√c2.
            weights[i] -= stepSize * _m[i] / (T.Sqrt(_v[i]) * root + epsilon);
        }
    }
}
