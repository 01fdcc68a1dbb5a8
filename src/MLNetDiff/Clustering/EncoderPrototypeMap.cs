using System;
using System.Collections.Concurrent;
using MLNetDiff.Networks;
using MLNetDiff.Networks.Onnx;
using MLNetDiff.Nn.Layers;

namespace MLNetDiff.Clustering;

/// <summary>
/// TELL's deep mode (spec A3–A5; docs/clustering.md, "Deep mode"): an engine MLP encoder maps the standardised row
/// (d values) to a latent code h (m values), L2-normalised in the spherical geometry (z = h / max(‖h‖, 1e-12), spec A2),
/// and the prototypes live in that latent space. Scoring runs the encoder's inference pass in a workspace taken from a
/// pool for the call (ML.NET asks for mappers on several threads, and the network's own workspace is not shared); the ONNX nodes are the engine's layer writers, then the unit
/// sphere's nodes.
/// </summary>
internal sealed class EncoderPrototypeMap : PrototypeMap
{
    /// <summary>Points on the path from the standardised origin (the mean row) to a row, for the integrated gradients of
    /// <see cref="Explain"/> (midpoint rule). The score gap is linear in the latent code (∂gap/∂z = 2(Ω_a − Ω_r)), so
    /// with a ReLU encoder the integrand is piecewise constant (Euclidean) or smooth per piece (spherical), and 512 points
    /// keep the sum's error below 1 % of the gaps (tested).</summary>
    public const int IntegrationSteps = 512;

    private readonly ConcurrentBag<NetworkWorkspace> _workspaces = [];

    public EncoderPrototypeMap(Sequential encoder, bool spherical)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Encoder = encoder;
        Spherical = spherical;
    }

    /// <summary>The encoder, d → m (never mutate it).</summary>
    public Sequential Encoder { get; }

    /// <summary>True when latent codes are L2-normalised (TELL's spherical geometry).</summary>
    public bool Spherical { get; }

    public override string Name => "Encoder";

    public override int OutputDimension(int inputDimension) => Encoder.OutputSize;

    public override void Apply(Span<float> values, int rows, int dimension)
        => throw new NotSupportedException($"The encoder maps {Encoder.InputSize} values to {Encoder.OutputSize}; it cannot work in place.");

    public override void Map(ReadOnlySpan<float> input, Span<float> output, int rows, int dimension)
    {
        if (dimension != Encoder.InputSize)
            throw new ArgumentException($"The encoder reads {Encoder.InputSize} standardised values per row, not {dimension}.", nameof(dimension));
        int m = Encoder.OutputSize;
        if (!_workspaces.TryTake(out NetworkWorkspace? workspace))
            workspace = Encoder.CreateWorkspace(16);
        Encoder.Predict(input.Slice(0, rows * dimension), rows, output.Slice(0, rows * m), workspace);
        _workspaces.Add(workspace);
        if (Spherical)
        {
            for (int r = 0; r < rows; r++)
                UnitSpherePrototypeMap.Normalize(output.Slice(r * m, m));
        }
    }

    public override string? OnnxProblem => OnnxNetworkWriter.FindUnwritableLayer(Encoder) is string problem
        ? $"the encoder's {problem}"
        : null;

    public override string WriteOnnx(OnnxLayerContext context, string input, int dimension)
    {
        string latent = context.Onnx.AddIntermediateVariable(null, $"{context.Prefix}_Latent", skip: true);
        OnnxNetworkWriter.Write(context.Onnx, Encoder, context.Prefix, input, latent);
        return Spherical
            ? UnitSpherePrototypeMap.Instance.WriteOnnx(new OnnxLayerContext(context.Onnx, $"{context.Prefix}_UnitSphere"), latent, Encoder.OutputSize)
            : latent;
    }

    /// <summary>
    /// Per-input-feature attribution of the score gap g(u) = Score_runnerUp − Score_assigned for the standardised row
    /// <paramref name="standardized"/> (u), as integrated gradients from the standardised origin u = 0 (the training
    /// mean row): c_f = u_f · mean_s ∂g/∂u_f((s + ½)/S · u), s = 0 … S − 1, with the pair (assigned, runner-up) of the
    /// row held fixed along the path. Σ c_f ≈ g(u) − g(0) (the completeness property; the residual is reported).
    /// </summary>
    public ClusterExplanation Explain(ReadOnlySpan<float> standardized, ReadOnlySpan<float> prototypes, int assigned, int runnerUp,
        float[] scores)
    {
        int d = Encoder.InputSize, m = Encoder.OutputSize, steps = IntegrationSteps;
        // A private copy: Forward/Backward use the network's own workspace and gradient buffer, which scoring threads
        // must not see change.
        Sequential encoder = Encoder.Clone();
        var path = new float[steps * d];
        for (int s = 0; s < steps; s++)
        {
            float t = (s + 0.5f) / steps;
            for (int f = 0; f < d; f++)
                path[s * d + f] = t * standardized[f];
        }
        ReadOnlySpan<float> h = encoder.Forward(path, steps, training: false);
        var dh = new float[steps * m];
        var z = new float[m];
        for (int s = 0; s < steps; s++)
        {
            ReadOnlySpan<float> hs = h.Slice(s * m, m);
            Span<float> g = dh.AsSpan(s * m, m);
            // ∂g/∂z = 2(z − Ω_r) − 2(z − Ω_a) = 2(Ω_a − Ω_r), the same at every point.
            for (int j = 0; j < m; j++)
                g[j] = 2 * (prototypes[assigned * m + j] - prototypes[runnerUp * m + j]);
            if (!Spherical)
                continue;
            // Through z = h/‖h‖: ∂/∂h = (g − z(z·g))/‖h‖.
            hs.CopyTo(z);
            double norm = 0;
            foreach (float v in z)
                norm += (double)v * v;
            norm = Math.Max(Math.Sqrt(norm), UnitSpherePrototypeMap.NormFloor);
            double dot = 0;
            for (int j = 0; j < m; j++)
            {
                z[j] = (float)(z[j] / norm);
                dot += (double)z[j] * g[j];
            }
            for (int j = 0; j < m; j++)
                g[j] = (float)((g[j] - z[j] * dot) / norm);
        }
        var du = new float[steps * d];
        encoder.Backward(path, dh, steps, du);
        var contributions = new double[d];
        for (int s = 0; s < steps; s++)
        {
            for (int f = 0; f < d; f++)
                contributions[f] += du[s * d + f];
        }
        for (int f = 0; f < d; f++)
            contributions[f] = contributions[f] / steps * standardized[f];

        // g(0): the gap of the mean row for the same pair, the reference the contributions are measured from.
        var origin = new float[m];
        Map(new float[d], origin, 1, d);
        double baseline = Gap(origin, prototypes, assigned, runnerUp, m);
        double margin = (double)scores[runnerUp] - scores[assigned];
        return new ClusterExplanation(assigned, runnerUp, scores, contributions, margin, baseline);
    }

    private static double Gap(ReadOnlySpan<float> z, ReadOnlySpan<float> prototypes, int assigned, int runnerUp, int m)
        => (double)PrototypeModel.SquaredDistance(z, prototypes.Slice(runnerUp * m, m))
            - PrototypeModel.SquaredDistance(z, prototypes.Slice(assigned * m, m));
}
