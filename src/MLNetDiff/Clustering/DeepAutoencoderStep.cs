using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Layers;
using MLNetDiff.Nn.Losses;
using MLNetDiff.Nn.Optimizers;

namespace MLNetDiff.Clustering;

/// <summary>
/// One mini-batch of deep NeuralKMeans (spec A3, A4; <see cref="NeuralKMeansDeepFit"/>): encode, map (L2-normalise in
/// the spherical geometry), decode, L_rec = weighted MSE against the standardised row, hard assignment of the codes to the
/// prototypes (their weighted sums for the caller's prototype step), and ∂(L_rec + γ·L_clu) back through the decoder,
/// the normalisation and the encoder, then one Adam step per network. With γ = 0 (centre epochs, pre-training) the
/// assignment is detached from the encoder, as TELL's reference does on its even epochs.
/// </summary>
internal sealed class DeepAutoencoderStep
{
    private readonly Sequential _encoder;
    private readonly Sequential _decoder;
    private readonly bool _spherical;
    private readonly KernelBackend _backend;
    private readonly int _k;
    private readonly MeanSquaredErrorLoss _loss = new();
    private readonly float[] _z;
    private readonly float[] _norms;
    private readonly float[] _dRec;
    private readonly float[] _dz;
    private readonly float[] _distances;

    public DeepAutoencoderStep(Sequential encoder, Sequential decoder, bool spherical, int batch, int k, KernelBackend backend)
    {
        _encoder = encoder;
        _decoder = decoder;
        _spherical = spherical;
        _backend = backend;
        _k = k;
        int d = encoder.InputSize, m = encoder.OutputSize;
        X = new float[batch * d];
        W = new float[batch];
        _z = new float[batch * m];
        _norms = new float[batch];
        _dRec = new float[batch * d];
        _dz = new float[batch * m];
        _distances = new float[batch * k];
        Sums = new double[k * m];
        ClusterWeights = new double[k];
    }

    /// <summary>The batch's standardised rows (the caller fills them).</summary>
    public float[] X { get; }

    /// <summary>The batch's row weights.</summary>
    public float[] W { get; }

    /// <summary>Per prototype, Σ w·z of the codes assigned to it in the last step (weighted sums for the prototype step).</summary>
    public double[] Sums { get; }

    /// <summary>Per prototype, Σ w of the rows assigned to it in the last step.</summary>
    public double[] ClusterWeights { get; }

    /// <summary>Trains on the first <paramref name="rows"/> rows; returns L_rec, L_clu (0 without prototypes) and Σ w.</summary>
    public (double Reconstruction, double Clustering, double Weight) Step(int rows, float[]? prototypes, double gamma, long step,
        AdamOptimizer encoderAdam, AdamOptimizer decoderAdam, float learningRate)
    {
        int d = _encoder.InputSize, m = _encoder.OutputSize;
        ReadOnlySpan<float> x = X.AsSpan(0, rows * d);
        Encode(_encoder.Forward(x, rows, training: true, step), rows);
        ReadOnlySpan<float> z = _z.AsSpan(0, rows * m);
        ReadOnlySpan<float> rec = _decoder.Forward(z, rows, training: true, step);
        ReadOnlySpan<float> w = W.AsSpan(0, rows);
        double reconstruction = _loss.Compute(_backend, rec, x, w, rows, d, _dRec.AsSpan(0, rows * d));
        Span<float> dz = _dz.AsSpan(0, rows * m);
        _decoder.Backward(z, _dRec.AsSpan(0, rows * d), rows, dz);
        (double clustering, double weight) = Assign(rows, prototypes, gamma, dz);
        if (_spherical)
        {
            // Through z = h/‖h‖: ∂/∂h = (g − z(z·g))/‖h‖ (spec A3).
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> zr = z.Slice(r * m, m);
                Span<float> g = dz.Slice(r * m, m);
                double dot = 0;
                for (int j = 0; j < m; j++)
                    dot += (double)zr[j] * g[j];
                for (int j = 0; j < m; j++)
                    g[j] = (float)((g[j] - zr[j] * dot) / _norms[r]);
            }
        }
        _encoder.Backward(x, dz, rows);
        encoderAdam.Update(_backend, _encoder.Parameters, _encoder.Gradients, learningRate);
        decoderAdam.Update(_backend, _decoder.Parameters, _decoder.Gradients, learningRate);
        return (reconstruction, clustering, weight);
    }

    /// <summary>L_rec, L_clu and Σ w of the first <paramref name="rows"/> rows, without training.</summary>
    public (double Reconstruction, double Clustering, double Weight) Evaluate(int rows, float[] prototypes)
    {
        int d = _encoder.InputSize, m = _encoder.OutputSize;
        ReadOnlySpan<float> x = X.AsSpan(0, rows * d);
        Encode(_encoder.Forward(x, rows, training: false), rows);
        ReadOnlySpan<float> rec = _decoder.Forward(_z.AsSpan(0, rows * m), rows, training: false);
        double reconstruction = _loss.Compute(_backend, rec, x, W.AsSpan(0, rows), rows, d, default);
        (double clustering, double weight) = Assign(rows, prototypes, 0, default);
        return (reconstruction, clustering, weight);
    }

    /// <summary>z = h, or h/max(‖h‖, 1e-12) (in float, as scoring and ONNX compute it) keeping the norms.</summary>
    private void Encode(ReadOnlySpan<float> h, int rows)
    {
        int m = _encoder.OutputSize;
        h.Slice(0, rows * m).CopyTo(_z);
        if (!_spherical)
            return;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = _z.AsSpan(r * m, m);
            _norms[r] = MathF.Max(MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row)), UnitSpherePrototypeMap.NormFloor);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, _norms[r], row);
        }
    }

    /// <summary>Hard assignment (lowest index on ties) of the codes; fills <see cref="Sums"/>/<see cref="ClusterWeights"/>,
    /// returns the weighted mean squared distance to the nearest prototype and Σ w, and with γ &gt; 0 adds
    /// γ·∂L_clu/∂z = γ·2w_i(z_i − Ω_c(i))/Σw to <paramref name="dz"/> (the assignment itself is not differentiated).</summary>
    private (double Clustering, double Weight) Assign(int rows, float[]? prototypes, double gamma, Span<float> dz)
    {
        int m = _encoder.OutputSize;
        double weight = 0;
        for (int r = 0; r < rows; r++)
            weight += W[r];
        Array.Clear(Sums);
        Array.Clear(ClusterWeights);
        if (prototypes is null || !(weight > 0))
            return (0, weight);
        _backend.SquaredEuclideanDistances(rows, _k, m, _z, prototypes, _distances);
        double clustering = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> dist = _distances.AsSpan(r * _k, _k);
            int nearest = 0;
            for (int j = 1; j < _k; j++)
            {
                if (dist[j] < dist[nearest])
                    nearest = j;
            }
            double w = W[r];
            clustering += w * dist[nearest];
            if (!(w > 0))
                continue;
            ClusterWeights[nearest] += w;
            ReadOnlySpan<float> z = _z.AsSpan(r * m, m);
            Span<double> sum = Sums.AsSpan(nearest * m, m);
            for (int j = 0; j < m; j++)
                sum[j] += w * z[j];
            if (gamma > 0)
            {
                float scale = (float)(gamma * 2 * w / weight);
                for (int j = 0; j < m; j++)
                    dz[r * m + j] += scale * (z[j] - prototypes[nearest * m + j]);
            }
        }
        return (clustering / weight, weight);
    }
}
