using System;
using System.Buffers;
using System.Numerics.Tensors;
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
        GumbelGateArithmetic.Logits(parameters, _embedding, _embeddingDouble, d, e, logits);
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
            GumbelGateArithmetic.AccumulateProducts(outputGradient.Slice(r * d, d), input.Slice(r * d, d), dm);
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
            GumbelGateArithmetic.ScaleEmbedding(dw, _embeddingDouble, dW.Slice(i * e, e));
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
