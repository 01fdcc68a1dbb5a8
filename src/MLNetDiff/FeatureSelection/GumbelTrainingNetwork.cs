using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Optimizers;

namespace MLNetDiff.FeatureSelection;

/// <summary>
/// The network a fit trains (specs/gfsnetwork.md §2): the gate m = σ((w + g)/τ), the task network's first layer
/// h = ReLU((x ⊙ m)·W1 + b1) and the rest of the task network (a plain <see cref="Sequential"/>), with the mask's
/// Adam done implicitly (<see cref="GumbelMaskOptimizer"/>). It computes what
/// <c>Sequential([GumbelGate, Linear(D, H, ReLU), …])</c> computes, with the same initialisation and noise, but it
/// does not do the D×E and B×D work that form spends on things the fit never reads.
/// </summary>
/// <remarks>
/// <para>Backward without ∂L/∂x̃. The gate needs ∂L/∂m_i = Σ_b δ_bi·x_bi + P with δ = dz1·W1ᵀ, and the first
/// layer's weight gradient is dW1 = x̃ᵀ·dz1 = diag(m)·(xᵀ·dz1). So with G = xᵀ·dz1 (one GEMM of dW1's shape):
/// dW1_ih = m_i·G_ih and Σ_b δ_bi·x_bi = Σ_h W1_ih·G_ih. One GEMM and one D×H pass replace two GEMMs (the second,
/// dz1·W1ᵀ, packs all of W1 transposed every step) and two B×D passes. Same values in real arithmetic; the roundings
/// differ from the layered form (tested within tolerance).</para>
/// <para>One instance trains on one thread; it keeps its buffers between steps (a steady step allocates nothing).</para>
/// </remarks>
internal sealed class GumbelTrainingNetwork
{
    private readonly KernelBackend _backend;
    private readonly GumbelGate _gate;
    private readonly ulong _noiseSeed;
    private readonly int _d, _h;
    private readonly GumbelMaskOptimizer _mask;
    private readonly float[] _first;      // W1 (D × H row-major, as Linear lays it out), then b1 (H)
    private readonly float[] _firstGradient; // G = xᵀ·dz1 (not yet scaled by the mask), then db1
    private readonly Sequential _tail;
    private readonly GumbelFirstLayerAdam _weightOptimizer;
    private readonly AdamOptimizer _biasOptimizer = new();
    private readonly AdamOptimizer _tailOptimizer = new();
    private readonly float[] _logits, _noise, _soft, _applied;
    private readonly double[] _logitGradient;
    private float[] _masked = [], _hidden = [], _hiddenGradient = [];
    private int _forwardRows = -1, _backwardRows = -1;

    /// <param name="gate">The gate's specification (embedding, noise kind); its parameters are not used.</param>
    /// <param name="hidden">H, the task network's width.</param>
    /// <param name="outputs">C, the task network's outputs.</param>
    /// <param name="backend">Kernel backend.</param>
    /// <param name="initializationSeed">The seed the layered form passes to <see cref="Sequential.Initialize"/>.</param>
    /// <param name="taskSeed">The seed of the task layers' U(±1/√fan_in) draws (spec §2.3).</param>
    public GumbelTrainingNetwork(GumbelGate gate, int hidden, int outputs, KernelBackend backend, ulong initializationSeed,
        ulong taskSeed)
    {
        _backend = backend;
        _gate = gate;
        _d = gate.FeatureCount;
        _h = hidden;
        int d = _d;
        // The draws of the layered form: the gate is layer 0 of a Sequential initialised with initializationSeed (its
        // bias from Philox at offset 0, W_m = 0, so w = b_m), and its noise seed is that network's layer-0 noise stream.
        var bias = new float[d];
        backend.RandomUniform(Mix(Mix(initializationSeed, 1), 0), 0, bias);
        float bound = 1f / MathF.Sqrt(gate.EmbeddingSize);
        for (int i = 0; i < d; i++)
            bias[i] = (2f * bias[i] - 1f) * bound;
        _mask = new GumbelMaskOptimizer(bias, gate.Embedding);
        _noiseSeed = Mix(Mix(Mix(initializationSeed, 4), 4), 0);

        _first = new float[d * hidden + hidden];
        _firstGradient = new float[_first.Length];
        _weightOptimizer = new GumbelFirstLayerAdam(d * hidden);
        InitializeLikePyTorch(backend, Mix(taskSeed, 1), d, _first);
        _tail = new Sequential([new Linear(hidden, hidden, Activation.Relu), new Linear(hidden, outputs)], backend);
        for (int l = 0; l < _tail.Layers.Count; l++)
            InitializeLikePyTorch(backend, Mix(taskSeed, (ulong)(l + 2)), hidden, _tail.GetLayerParameters(l));
        _logits = new float[d];
        _noise = new float[d];
        _soft = new float[d];
        _applied = new float[d];
        _logitGradient = new double[d];
    }

    /// <summary>τ of the soft mask (clamped like the gate's).</summary>
    public float Temperature { get; set; } = 2f;

    /// <summary>Hard mask forward, soft gradient backward (spec §2.2).</summary>
    public bool StraightThrough { get; set; }

    /// <summary>The selection term.</summary>
    public GumbelPenalty Penalty { get; set; } = GumbelPenalty.None;

    /// <summary>mean(m) of the soft mask in the last forward pass (L_sel).</summary>
    public double LastMeanMask { get; private set; }

    /// <summary>The first layer's parameters (W1, then b1), for tests.</summary>
    internal ReadOnlySpan<float> FirstLayer => _first;

    /// <summary>The rest of the task network, for tests.</summary>
    internal Sequential Tail => _tail;

    /// <summary>For tests: after <see cref="Backward"/>, the unfused gradients the update applies: ∂L/∂w (with the
    /// selection term) and the first layer's (dW1 = diag(m)·G, then db1). Changes nothing.</summary>
    internal (double[] Logits, float[] FirstLayer) Gradients()
    {
        int d = _d, h = _h;
        float[] first = (float[])_firstGradient.Clone();
        var dm = new double[d];
        GumbelGateArithmetic.MaskGradientAndScale(_first.AsSpan(0, d * h), first.AsSpan(0, d * h), _applied, h, dm);
        LogitGradient(dm);
        return (dm, first);
    }

    /// <summary>The logits w as floats.</summary>
    public void CopyLogits(Span<float> destination) => _mask.CopyLogits(destination);

    /// <summary>Training forward of step <paramref name="step"/> on <paramref name="rows"/> standardised rows.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> x, int rows, long step)
    {
        int d = _d, h = _h;
        _mask.CopyLogits(_logits);
        _gate.DrawNoise(_backend, _noiseSeed, step, _noise);
        float tau = Math.Max(Temperature, GumbelGate.MinimumTemperature);
        double invTau = 1.0 / tau;
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            float s = (float)GumbelGate.StableSigmoid(((double)_logits[i] + _noise[i]) * invTau);
            _soft[i] = s;
            sum += s;
        }
        LastMeanMask = sum / d;
        if (StraightThrough)
        {
            for (int i = 0; i < d; i++)
                _applied[i] = _logits[i] + _noise[i] > 0f ? 1f : 0f;
        }
        else
        {
            _soft.CopyTo(_applied);
        }
        Span<float> masked = Grow(ref _masked, rows * d);
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Multiply(x.Slice(r * d, d), _applied, masked.Slice(r * d, d));
        Span<float> hiddenOut = Grow(ref _hidden, rows * h);
        ReadOnlySpan<float> w1 = _first.AsSpan(0, d * h), b1 = _first.AsSpan(d * h, h);
        _backend.Gemm(false, false, rows, h, d, 1f, masked, d, w1, h, 0f, hiddenOut, h);
        _backend.BiasActivationForward(Activation.Relu, 0f, rows, h, hiddenOut, b1, hiddenOut);
        _forwardRows = rows;
        return _tail.Forward(hiddenOut, rows, training: true, step);
    }

    /// <summary>Gradients of the last <see cref="Forward"/> (same x) given ∂L_task/∂output; adds the selection term.</summary>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, int rows)
    {
        if (rows != _forwardRows)
            throw new InvalidOperationException($"Backward was called for {rows} rows but the last forward pass had {_forwardRows}.");
        int d = _d, h = _h;
        Span<float> hiddenOut = _hidden.AsSpan(0, rows * h);
        Span<float> dz = Grow(ref _hiddenGradient, rows * h);
        _tail.Backward(hiddenOut, outputGradient, rows, dz);
        Span<float> dW = _firstGradient.AsSpan(0, d * h), db = _firstGradient.AsSpan(d * h, h);
        _backend.BiasActivationBackward(Activation.Relu, 0f, rows, h, hiddenOut, hiddenOut, dz, dz, db);
        // G = xᵀ·dz1 with the unmasked x (see remarks); Update turns it into ∂L/∂m and dW1 as it applies Adam.
        _backend.Gemm(true, false, d, h, rows, 1f, x, d, dz, h, 0f, dW, h);
        _backwardRows = rows;
    }

    /// <summary>One Adam step of both groups (spec §3.3) with the gradients of the last <see cref="Backward"/>. W1's
    /// step is fused with the pass that derives ∂L/∂m from G (<see cref="GumbelFirstLayerAdam"/>), so ∂L/∂m uses
    /// W1 before its update, as the separate passes did.</summary>
    public void Update(float maskRate, float taskRate)
    {
        if (_backwardRows < 0)
            throw new InvalidOperationException("Update was called without a Backward since the last update.");
        _backwardRows = -1;
        int d = _d, h = _h;
        _weightOptimizer.Step(_first.AsSpan(0, d * h), _firstGradient.AsSpan(0, d * h), _applied, h, _logitGradient, taskRate);
        LogitGradient(_logitGradient);
        _mask.Step(_logitGradient, maskRate);
        _biasOptimizer.Update(_backend, _first.AsSpan(d * h, h), _firstGradient.AsSpan(d * h, h), taskRate);
        _tailOptimizer.Update(_backend, _tail.Parameters, _tail.Gradients, taskRate);
    }

    /// <summary>In place: ∂L/∂m_i (task part) → ∂L/∂w_i = (∂L/∂m_i + P)·s_i(1 − s_i)/τ (spec §2.5).</summary>
    private void LogitGradient(Span<double> dm)
    {
        double penalty = Penalty.MaskGradient(LastMeanMask, _d);
        double invTau = 1.0 / Math.Max(Temperature, GumbelGate.MinimumTemperature);
        for (int i = 0; i < _d; i++)
        {
            double s = _soft[i];
            dm[i] = (dm[i] + penalty) * s * (1 - s) * invTau;
        }
    }

    /// <summary>PyTorch's default U(±1/√fan_in) for weights and biases, drawn as the layered form draws it.</summary>
    private static void InitializeLikePyTorch(KernelBackend backend, ulong seed, int fanIn, Span<float> p)
    {
        backend.RandomUniform(seed, 0, p);
        float bound = 1f / MathF.Sqrt(fanIn);
        for (int i = 0; i < p.Length; i++)
            p[i] = (2f * p[i] - 1f) * bound;
    }

    private static Span<float> Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
        return buffer.AsSpan(0, length);
    }

    // The engine's SeedMixer formula (SplitMix64 finaliser of seed + (stream + 1)·φ), which the layered form used.
    internal static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
