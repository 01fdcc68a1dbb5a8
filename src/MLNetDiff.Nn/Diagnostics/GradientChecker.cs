using System;
using System.Globalization;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;

namespace MLNetDiff.Nn.Diagnostics;

/// <summary>
/// Compares hand-written backward passes with central finite differences computed in double on float parameters and
/// inputs: |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|) for every coordinate.
/// </summary>
/// <remarks>A layer is checked through the scalar f(θ, x) = Σ R ⊙ layer(x; θ) with a fixed random R (so ∂f/∂y = R), a
/// loss through its value, and a network through loss(network(x)). Stochastic layers run with a fixed step, i.e. a
/// fixed noise mask, so the function is deterministic.</remarks>
public static class GradientChecker
{
    /// <summary>Checks ∂/∂θ and ∂/∂x of one layer.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="input">rows × InputSize input (copied).</param>
    /// <param name="rows">Rows.</param>
    /// <param name="parameters">Parameters to use (copied); empty to initialise from the options' seed.</param>
    /// <param name="training">Training mode (dropout active with a fixed mask).</param>
    /// <param name="options">Tolerances; defaults when null.</param>
    /// <param name="backend">Kernel backend; the default when null.</param>
    public static GradientCheckResult CheckLayer(Layer layer, ReadOnlySpan<float> input, int rows,
        ReadOnlySpan<float> parameters = default, bool training = true, GradientCheckOptions? options = null,
        KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        options ??= new GradientCheckOptions();
        options.Validate();
        backend ??= KernelBackends.Default;
        float[] x = input.Slice(0, rows * layer.InputSize).ToArray();
        float[] p = new float[layer.ParameterCount];
        if (parameters.IsEmpty)
            layer.InitializeParameters(p, backend, options.Seed);
        else
            parameters.Slice(0, p.Length).CopyTo(p);
        float[] g = new float[p.Length];
        float[] y = new float[rows * layer.OutputSize];
        float[] dy = new float[y.Length];
        float[] dx = new float[x.Length];
        float[] scratch = new float[rows * layer.ScratchSizePerRow];
        float[] projection = new float[y.Length];
        backend.RandomNormal(options.Seed ^ 0x5EED, 0, projection);
        var context = new LayerContext(backend, training, options.Seed, step: 3);

        double Objective()
        {
            layer.Forward(context, rows, p, x, y, scratch);
            double sum = 0;
            for (int i = 0; i < y.Length; i++)
                sum += (double)projection[i] * y[i];
            return sum;
        }

        Objective();
        projection.CopyTo(dy, 0);
        layer.Backward(context, rows, p, g, x, y, dy, dx, scratch);
        var tally = new Tally(options);
        Compare(p, g, Objective, "parameter", tally);
        Compare(x, dx, Objective, "input", tally);
        return tally.Result();
    }

    /// <summary>Checks ∂loss/∂output of a loss.</summary>
    public static GradientCheckResult CheckLoss(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        int rows, int outputSize, GradientCheckOptions? options = null, KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        options.Validate();
        backend ??= KernelBackends.Default;
        float[] z = outputs.Slice(0, rows * outputSize).ToArray();
        float[] t = labels.Slice(0, rows * loss.GetLabelSize(outputSize)).ToArray();
        float[] dz = new float[z.Length];
        loss.Compute(backend, z, t, rows, outputSize, dz);
        var tally = new Tally(options);
        Compare(z, dz, () => loss.Compute(backend, z, t, rows, outputSize, default), "output", tally);
        return tally.Result();
    }

    /// <summary>Checks ∂loss/∂θ and ∂loss/∂x of a whole network (parameters are perturbed in place and restored).</summary>
    public static GradientCheckResult CheckNetwork(Sequential network, Loss loss, ReadOnlySpan<float> input,
        ReadOnlySpan<float> labels, int rows, bool training = false, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        options ??= new GradientCheckOptions();
        options.Validate();
        KernelBackend backend = network.Backend;
        int outputs = network.OutputSize;
        float[] x = input.Slice(0, rows * network.InputSize).ToArray();
        float[] t = labels.Slice(0, rows * loss.GetLabelSize(outputs)).ToArray();
        float[] dOut = new float[rows * outputs];
        float[] dx = new float[x.Length];
        float[] p = network.Parameters.ToArray();

        double Objective()
        {
            network.SetParameters(p);
            ReadOnlySpan<float> y = network.Forward(x, rows, training, step: 3);
            return loss.Compute(backend, y, t, rows, outputs, default);
        }

        ReadOnlySpan<float> output = network.Forward(x, rows, training, step: 3);
        loss.Compute(backend, output, t, rows, outputs, dOut);
        network.Backward(x, dOut, rows, dx);
        float[] g = network.Gradients.ToArray();
        var tally = new Tally(options);
        Compare(p, g, Objective, "parameter", tally);
        Compare(x, dx, Objective, "input", tally);
        network.SetParameters(p);
        return tally.Result();
    }

    private static void Compare(float[] values, float[] analytic, Func<double> objective, string what, Tally tally)
    {
        double epsilon = tally.Options.Epsilon;
        double f0 = double.NaN;
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            float plus = (float)(original + epsilon), minus = (float)(original - epsilon);
            values[i] = plus;
            double fPlus = objective();
            values[i] = minus;
            double fMinus = objective();
            values[i] = original;
            double numeric = (fPlus - fMinus) / ((double)plus - minus);
            double a = analytic[i];
            tally.MaxAbsoluteError = Math.Max(tally.MaxAbsoluteError, Math.Abs(a - numeric));
            tally.Checked++;
            if (tally.Within(a, numeric))
                continue;
            if (tally.Options.AllowKinks)
            {
                if (double.IsNaN(f0))
                    f0 = objective();
                double forward = (fPlus - f0) / ((double)plus - original);
                double backward = (f0 - fMinus) / ((double)original - minus);
                if (tally.Within(a, forward) || tally.Within(a, backward))
                {
                    tally.Kinks++;
                    continue;
                }
            }
            tally.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what} {i}: analytic {a:G6}, numeric {numeric:G6}"), Math.Abs(a - numeric));
        }
        objective();
    }

    private sealed class Tally(GradientCheckOptions options)
    {
        private double _worst = -1;
        private string? _worstDescription;

        public GradientCheckOptions Options { get; } = options;

        public int Checked { get; set; }

        public int Failed { get; private set; }

        public int Kinks { get; set; }

        public double MaxAbsoluteError { get; set; }

        public bool Within(double analytic, double numeric) =>
            Math.Abs(analytic - numeric) <= Options.AbsoluteTolerance
                + Options.RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numeric));

        public void Fail(string description, double error)
        {
            Failed++;
            if (error > _worst)
            {
                _worst = error;
                _worstDescription = description;
            }
        }

        public GradientCheckResult Result() => new(Checked, Failed, MaxAbsoluteError, Kinks, _worstDescription);
    }
}
