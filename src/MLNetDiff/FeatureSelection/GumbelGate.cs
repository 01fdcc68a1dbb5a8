using System;
using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MLNetDiff.Kernels;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// GFSNetwork's mask network and Gumbel-sigmoid gate as one layer (specs/gfsnetwork.md §2.1-2.2, §2.5):
/// logits w = W_m·e + b_m from a fixed random embedding e, one noise vector g per batch (shared by every row),
/// m = σ((w + g)/τ), and y[r, i] = x[r, i]·m_i.
/// </summary>
/// <remarks>
/// <para><b>Parameters</b> (layout): W_m as D × E row-major (row i feeds logit i), then b_m (D). The embedding e is
/// part of the specification, not a parameter: the reference declares it but never optimises it (§2.1), and keeping
/// it out of the flat buffer keeps it out of the optimizer.</para>
/// <para><b>Noise</b> comes from the kernel layer's Philox, keyed by the layer's noise seed at offset step·D, so a batch
/// has one mask whatever its rows (or shards) and a seed reproduces it on every backend.</para>
/// <para><b>Modes.</b> Training: soft mask, or with <see cref="StraightThrough"/> the hard mask 1[w + g &gt; 0] forward and
/// the soft mask's gradient backward. Inference (training = false): the deterministic rule 1[w &gt; 0] (§4.1).</para>
/// <para><b>Selection penalty.</b> Training backward adds the gradient of λ·pen(mean m) (<see cref="Penalty"/>), so a
/// plain Sequential backward gives ∂(L_task + λ·L_sel)/∂θ. <see cref="Temperature"/>, <see cref="StraightThrough"/> and
/// <see cref="Penalty"/> are training knobs the fit changes between epochs; a layer is otherwise a specification.
/// Training passes reuse private buffers, so one gate trains on one thread at a time; inference keeps no state (its mask
/// comes from the array pool), so cursors on several threads may score at once.</para>
/// </remarks>
public sealed class GumbelGate : Layer, IOnnxWritableLayer
{
    /// <summary>Lowest temperature of the soft mask (spec §6: the τ → 0 limit divides by zero).</summary>
    public const float MinimumTemperature = 1e-3f;

    private readonly float[] _embedding;
    private float _temperature = 2f;
    private float[] _logits = [];
    private float[] _noise = [];
    private float[] _soft = [];
    private float[] _mask = [];
    private double[] _maskGradient = [];
    private readonly double[] _embeddingDouble;
    private TrainingCache _trainingCache;

    /// <summary>Creates the gate over <paramref name="featureCount"/> features.</summary>
    /// <param name="featureCount">D, the number of features (input and output size).</param>
    /// <param name="embedding">The fixed embedding e (E values, finite).</param>
    /// <param name="noiseKind">The noise added to the logits while training.</param>
    public GumbelGate(int featureCount, ReadOnlySpan<float> embedding, GumbelNoiseKind noiseKind = GumbelNoiseKind.SingleGumbel)
        : base(featureCount, featureCount)
    {
        if (embedding.IsEmpty)
            throw new ArgumentException("The embedding needs at least one value.", nameof(embedding));
        foreach (float v in embedding)
        {
            if (!float.IsFinite(v))
                throw new ArgumentOutOfRangeException(nameof(embedding), v, "The embedding values must be finite.");
        }
        if (noiseKind is not (GumbelNoiseKind.SingleGumbel or GumbelNoiseKind.Logistic))
            throw new ArgumentOutOfRangeException(nameof(noiseKind), noiseKind, "Unknown noise kind.");
        _embedding = embedding.ToArray();
        _embeddingDouble = Array.ConvertAll(_embedding, v => (double)v);
        NoiseKind = noiseKind;
    }

    /// <summary>A gate whose embedding is drawn from N(0, I) with Philox (<paramref name="seed"/>), as the reference
    /// draws it once at construction.</summary>
    public static GumbelGate Create(int featureCount, int embeddingSize, GumbelNoiseKind noiseKind, ulong seed,
        KernelBackend? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingSize);
        var e = new float[embeddingSize];
        (backend ?? KernelBackends.Default).RandomNormal(seed, 0, e);
        return new GumbelGate(featureCount, e, noiseKind);
    }

    /// <summary>D.</summary>
    public int FeatureCount => InputSize;

    /// <summary>E, the embedding size.</summary>
    public int EmbeddingSize => _embedding.Length;

    /// <summary>The fixed embedding e.</summary>
    public ReadOnlySpan<float> Embedding => _embedding;

    /// <summary>The noise kind.</summary>
    public GumbelNoiseKind NoiseKind { get; }

    /// <summary>τ of the soft mask while training (clamped to ≥ <see cref="MinimumTemperature"/>).</summary>
    public float Temperature
    {
        get => _temperature;
        set
        {
            if (!(value > 0f && float.IsFinite(value)))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The temperature must be positive and finite.");
            _temperature = Math.Max(value, MinimumTemperature);
        }
    }

    /// <summary>True: training uses the hard mask forward and the soft mask's gradient backward (straight-through).</summary>
    public bool StraightThrough { get; set; }

    /// <summary>The selection term added in training backward (λ = 0 turns it off).</summary>
    public GumbelPenalty Penalty { get; set; } = GumbelPenalty.None;

    /// <summary>mean(m) of the soft mask in the last training forward pass (L_sel, spec §2.4).</summary>
    public double LastMeanMask { get; private set; }

    /// <inheritdoc/>
    public override int ParameterCount => checked(FeatureCount * (EmbeddingSize + 1));

    /// <summary>W_m starts at zero and b_m ~ U(±1/√E) (PyTorch's Linear default for the bias), so every logit starts in
    /// [−0.177, 0.177] for E = 32 and every mask probability near 0.5 (spec §2.1).</summary>
    public override void InitializeParameters(Span<float> parameters, KernelBackend backend, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(backend);
        int d = FeatureCount, e = EmbeddingSize;
        parameters.Slice(0, d * e).Clear();
        Span<float> bias = parameters.Slice(d * e, d);
        backend.RandomUniform(seed, 0, bias);
        float bound = 1f / MathF.Sqrt(e);
        for (int i = 0; i < d; i++)
            bias[i] = (2f * bias[i] - 1f) * bound;
    }

    /// <summary>The logits w = W_m·e + b_m.</summary>
    public void ComputeLogits(ReadOnlySpan<float> parameters, Span<float> logits)
    {
        int d = FeatureCount, e = EmbeddingSize;
        if (parameters.Length < ParameterCount)
            throw new ArgumentException($"'{nameof(parameters)}' holds {parameters.Length} floats; {ParameterCount} are needed.", nameof(parameters));
        if (logits.Length < d)
            throw new ArgumentException($"'{nameof(logits)}' holds {logits.Length} floats; {d} are needed.", nameof(logits));
        ReadOnlySpan<float> embedding = _embedding;
        ReadOnlySpan<float> bias = parameters.Slice(d * e, d);
        int i = Avx2.IsSupported ? ComputeLogitsAvx2(parameters, logits) : 0;
        // Four features per pass: each keeps its own left-to-right double sum (the same value as one at a time), but
        // the four chains overlap, where one chain waits on the add latency at every term (D·E per step).
        for (; i + 4 <= d; i += 4)
        {
            ReadOnlySpan<float> r0 = parameters.Slice(i * e, e), r1 = parameters.Slice((i + 1) * e, e);
            ReadOnlySpan<float> r2 = parameters.Slice((i + 2) * e, e), r3 = parameters.Slice((i + 3) * e, e);
            double s0 = bias[i], s1 = bias[i + 1], s2 = bias[i + 2], s3 = bias[i + 3];
            for (int k = 0; k < e; k++)
            {
                double ek = embedding[k];
                s0 += r0[k] * ek;
                s1 += r1[k] * ek;
                s2 += r2[k] * ek;
                s3 += r3[k] * ek;
            }
            logits[i] = (float)s0;
            logits[i + 1] = (float)s1;
            logits[i + 2] = (float)s2;
            logits[i + 3] = (float)s3;
        }
        for (; i < d; i++)
        {
            ReadOnlySpan<float> row = parameters.Slice(i * e, e);
            double sum = bias[i];
            for (int k = 0; k < e; k++)
                sum += (double)row[k] * embedding[k];
            logits[i] = (float)sum;
        }
    }

    /// <summary>Logits of the first multiple-of-8 features, eight per pass in two 4-lane double sums fed by gathers of
    /// W_m's column k: per feature the same terms in the same order as the scalar loop (products of floats are exact
    /// in double, the adds are the same IEEE adds), so the same bits. Returns how many features it did.</summary>
    private unsafe int ComputeLogitsAvx2(ReadOnlySpan<float> parameters, Span<float> logits)
    {
        int d = FeatureCount, e = EmbeddingSize, done = d & ~7;
        Vector128<int> rows = Vector128.Create(0, e, 2 * e, 3 * e);
        fixed (float* w = parameters)
        fixed (double* embedding = _embeddingDouble)
        fixed (float* result = logits)
        {
            float* bias = w + (long)d * e;
            for (int i = 0; i < done; i += 8)
            {
                float* w0 = w + (long)i * e, w1 = w0 + 4L * e;
                Vector256<double> s0 = Avx.ConvertToVector256Double(Sse.LoadVector128(bias + i));
                Vector256<double> s1 = Avx.ConvertToVector256Double(Sse.LoadVector128(bias + i + 4));
                for (int k = 0; k < e; k++)
                {
                    Vector256<double> ek = Vector256.Create(embedding[k]);
                    s0 += Avx.ConvertToVector256Double(Avx2.GatherVector128(w0 + k, rows, 4)) * ek;
                    s1 += Avx.ConvertToVector256Double(Avx2.GatherVector128(w1 + k, rows, 4)) * ek;
                }
                Sse.Store(result + i, Avx.ConvertToVector128Single(s0));
                Sse.Store(result + i + 4, Avx.ConvertToVector128Single(s1));
            }
        }
        return done;
    }

    /// <summary>The noise of training step <paramref name="step"/> (D values), from Philox at offset step·D.</summary>
    public void DrawNoise(KernelBackend backend, ulong noiseSeed, long step, Span<float> noise)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Span<float> target = noise.Slice(0, FeatureCount);
        ulong offset = checked((ulong)step * (ulong)FeatureCount);
        if (NoiseKind == GumbelNoiseKind.Logistic)
            backend.RandomLogistic(noiseSeed, offset, target);
        else
            backend.RandomGumbel(noiseSeed, offset, target);
    }

    /// <summary>The probability that the hard noisy sample keeps a feature with logit <paramref name="logit"/>:
    /// 1 − exp(−e^w) for single Gumbel noise, σ(w) for logistic noise (spec §2.2).</summary>
    public static double SelectionProbability(double logit, GumbelNoiseKind noiseKind)
    {
        if (noiseKind == GumbelNoiseKind.Logistic)
            return StableSigmoid(logit);
        double x = Math.Exp(logit);
        // 1 − e^−x loses every digit for tiny x; its series x − x²/2 is exact to double there.
        return x < 1e-5 ? x - 0.5 * x * x : 1 - Math.Exp(-x);
    }

    /// <summary>σ(a), evaluated without overflow for any sign (spec §6).</summary>
    public static double StableSigmoid(double a)
    {
        if (a >= 0)
            return 1 / (1 + Math.Exp(-a));
        double z = Math.Exp(a);
        return z / (1 + z);
    }

    /// <inheritdoc/>
    public override void Forward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        int d = FeatureCount;
        if (context.Training)
        {
            ComputeTrainingMask(context, parameters);
            ApplyMask(rows, input, _mask.AsSpan(0, d), output);
            return;
        }
        // Inference touches no field: ML.NET scores one model from several cursors (threads) at once, and a shared
        // buffer here once mixed two cursors' masks. The mask comes from the pool instead (no allocation per call).
        float[] rented = ArrayPool<float>.Shared.Rent(d);
        try
        {
            Span<float> mask = rented.AsSpan(0, d);
            ComputeLogits(parameters, mask);
            for (int i = 0; i < d; i++)
                mask[i] = mask[i] > 0f ? 1f : 0f;
            ApplyMask(rows, input, mask, output);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private void ApplyMask(int rows, ReadOnlySpan<float> input, ReadOnlySpan<float> mask, Span<float> output)
    {
        int d = FeatureCount;
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Multiply(input.Slice(r * d, d), mask, output.Slice(r * d, d));
    }

    /// <inheritdoc/>
    public override void Backward(in LayerContext context, int rows, ReadOnlySpan<float> parameters,
        Span<float> parameterGradients, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        Span<float> outputGradient, Span<float> inputGradient, Span<float> scratch)
    {
        int d = FeatureCount, e = EmbeddingSize;
        Span<float> soft, mask;
        if (context.Training)
        {
            // The training forward of this step left w, g, the soft mask and the mask it used: the layer contract
            // pairs a backward with the forward just before it (as every layer's saved activations do), so only a
            // backward without that forward (another step, seed or τ) recomputes them; the values are the same.
            if (!_trainingCache.Matches(context, _temperature, StraightThrough, parameters.Length))
                ComputeTrainingMask(context, parameters);
            soft = _soft.AsSpan(0, d);
            mask = _mask.AsSpan(0, d);
        }
        else
        {
            soft = Grow(ref _soft, d);
            soft.Clear(); // the deterministic mask is flat in w: no parameter gradient.
            mask = Grow(ref _mask, d);
            ComputeLogits(parameters, mask);
            for (int i = 0; i < d; i++)
                mask[i] = mask[i] > 0f ? 1f : 0f;
            _trainingCache = default;
        }

        // ∂L/∂m_i = Σ_b δ_{b,i}·x_{b,i} + P (spec §2.5); ∂L/∂x = δ·m with the mask the forward pass used.
        if (_maskGradient.Length < d)
            _maskGradient = new double[d];
        Span<double> dm = _maskGradient.AsSpan(0, d);
        dm.Clear();
        for (int r = 0; r < rows; r++)
        {
            AccumulateProducts(outputGradient.Slice(r * d, d), input.Slice(r * d, d), dm);
            if (!inputGradient.IsEmpty)
                TensorPrimitives.Multiply(outputGradient.Slice(r * d, d), mask, inputGradient.Slice(r * d, d));
        }
        double penalty = context.Training ? Penalty.MaskGradient(LastMeanOf(soft), d) : 0;
        double invTau = 1.0 / _temperature;
        Span<float> dW = parameterGradients.Slice(0, d * e);
        Span<float> db = parameterGradients.Slice(d * e, d);
        for (int i = 0; i < d; i++)
        {
            double si = soft[i];
            double dw = (dm[i] + penalty) * si * (1 - si) * invTau;
            db[i] = (float)dw;
            ScaleEmbedding(dw, dW.Slice(i * e, e));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"GumbelGate({FeatureCount}, E={EmbeddingSize}, {NoiseKind})";

    bool IOnnxWritableLayer.CanWriteOnnx => true;

    /// <summary>Inference is x ⊙ 1[w &gt; 0]: one Mul by a constant 0/1 row.</summary>
    string IOnnxWritableLayer.WriteOnnx(OnnxLayerContext context, ReadOnlySpan<float> parameters, string input)
    {
        var mask = new float[FeatureCount];
        ComputeLogits(parameters, mask);
        for (int i = 0; i < mask.Length; i++)
            mask[i] = mask[i] > 0f ? 1f : 0f;
        return context.Node("Mul", input, context.Tensor("mask", mask, 1, FeatureCount));
    }

    private void ComputeSoftMask(in LayerContext context, ReadOnlySpan<float> logits, Span<float> soft)
    {
        int d = FeatureCount;
        Span<float> noise = Grow(ref _noise, d);
        DrawNoise(context.Backend, context.NoiseSeed, context.Step, noise);
        double invTau = 1.0 / _temperature;
        for (int i = 0; i < d; i++)
            soft[i] = (float)StableSigmoid(((double)logits[i] + noise[i]) * invTau);
    }

    /// <summary>Training forward's state: w (<c>_logits</c>), g (<c>_noise</c>), the soft mask, LastMeanMask and the
    /// mask applied (soft, or the straight-through hard sample), keyed for the backward of the same step.</summary>
    private void ComputeTrainingMask(in LayerContext context, ReadOnlySpan<float> parameters)
    {
        int d = FeatureCount;
        Span<float> logits = Grow(ref _logits, d);
        ComputeLogits(parameters, logits);
        Span<float> soft = Grow(ref _soft, d);
        ComputeSoftMask(context, logits, soft);
        LastMeanMask = LastMeanOf(soft);
        Span<float> mask = Grow(ref _mask, d);
        if (StraightThrough)
        {
            // Hard sample: σ((w + g)/τ) > 0.5 ⇔ w + g > 0.
            for (int i = 0; i < d; i++)
                mask[i] = logits[i] + _noise[i] > 0f ? 1f : 0f;
        }
        else
        {
            soft.CopyTo(mask);
        }
        _trainingCache = new TrainingCache(context.Step, context.NoiseSeed, _temperature, StraightThrough, parameters.Length);
    }

    /// <summary>sum[i] += (double)a[i]·x[i], element by element (the same double operations as a scalar loop, so the
    /// same bits; four lanes at a time where the hardware has them).</summary>
    private static void AccumulateProducts(ReadOnlySpan<float> a, ReadOnlySpan<float> x, Span<double> sum)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ra = ref MemoryMarshal.GetReference(a);
            ref float rx = ref MemoryMarshal.GetReference(x);
            ref double rs = ref MemoryMarshal.GetReference(sum);
            for (; i + 8 <= sum.Length; i += 8)
            {
                (Vector256<double> aLo, Vector256<double> aHi) = Vector256.Widen(Vector256.LoadUnsafe(ref ra, (nuint)i));
                (Vector256<double> xLo, Vector256<double> xHi) = Vector256.Widen(Vector256.LoadUnsafe(ref rx, (nuint)i));
                (Vector256.LoadUnsafe(ref rs, (nuint)i) + aLo * xLo).StoreUnsafe(ref rs, (nuint)i);
                (Vector256.LoadUnsafe(ref rs, (nuint)(i + 4)) + aHi * xHi).StoreUnsafe(ref rs, (nuint)(i + 4));
            }
        }
        for (; i < sum.Length; i++)
            sum[i] += (double)a[i] * x[i];
    }

    /// <summary>row[k] = (float)(dw·e_k): the rank-one gradient row of W_m (vector conversions round like the cast).</summary>
    private void ScaleEmbedding(double dw, Span<float> row)
    {
        ReadOnlySpan<double> embedding = _embeddingDouble;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(dw);
            ref double re = ref MemoryMarshal.GetReference(embedding);
            ref float rr = ref MemoryMarshal.GetReference(row);
            for (; k + 8 <= row.Length; k += 8)
            {
                Vector256.Narrow(scale * Vector256.LoadUnsafe(ref re, (nuint)k), scale * Vector256.LoadUnsafe(ref re, (nuint)(k + 4)))
                    .StoreUnsafe(ref rr, (nuint)k);
            }
        }
        for (; k < row.Length; k++)
            row[k] = (float)(dw * embedding[k]);
    }

    private static double LastMeanOf(ReadOnlySpan<float> soft)
    {
        double sum = 0;
        foreach (float s in soft)
            sum += s;
        return sum / soft.Length;
    }

    private static Span<float> Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
        return buffer.AsSpan(0, length);
    }

    /// <summary>What the training state was computed for; default matches nothing.</summary>
    private readonly record struct TrainingCache(long Step, ulong NoiseSeed, float Temperature, bool StraightThrough, int ParameterLength)
    {
        public bool Matches(in LayerContext context, float temperature, bool straightThrough, int parameterLength)
            => ParameterLength > 0 && Step == context.Step && NoiseSeed == context.NoiseSeed && Temperature == temperature
                && StraightThrough == straightThrough && ParameterLength == parameterLength;
    }
}
