using System;
using System.Numerics.Tensors;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Initialization;

/// <summary>
/// Fills weight buffers from the kernel layer's Philox generator, so an initialisation is a pure function of
/// (scheme, fan-in, fan-out, seed) and is bit-identical on every backend.
/// </summary>
public static class WeightInitializer
{
    /// <summary>Fills <paramref name="destination"/> according to <paramref name="scheme"/>.</summary>
    /// <param name="backend">Kernel backend whose Philox generator draws the values.</param>
    /// <param name="scheme">The scheme; <see cref="WeightInitialization.Default"/> must be resolved by the caller
    /// (see <see cref="Resolve"/>) and is treated as Xavier uniform here.</param>
    /// <param name="fanIn">Inputs per unit (rows of a Linear weight matrix).</param>
    /// <param name="fanOut">Outputs per input (columns of a Linear weight matrix).</param>
    /// <param name="seed">Philox key; element i uses counter i.</param>
    /// <param name="destination">The weights to fill.</param>
    public static void Fill(KernelBackend backend, WeightInitialization scheme, int fanIn, int fanOut, ulong seed,
        Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        switch (scheme)
        {
            case WeightInitialization.Zeros:
                destination.Clear();
                break;
            case WeightInitialization.Default:
            case WeightInitialization.XavierUniform:
                FillUniform(backend, seed, MathF.Sqrt(6f / (fanIn + fanOut)), destination);
                break;
            case WeightInitialization.HeUniform:
                FillUniform(backend, seed, MathF.Sqrt(6f / fanIn), destination);
                break;
            case WeightInitialization.XavierNormal:
                backend.RandomNormal(seed, 0, destination);
                TensorPrimitives.Multiply(destination, MathF.Sqrt(2f / (fanIn + fanOut)), destination);
                break;
            case WeightInitialization.HeNormal:
                backend.RandomNormal(seed, 0, destination);
                TensorPrimitives.Multiply(destination, MathF.Sqrt(2f / fanIn), destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialisation scheme.");
        }
    }

    /// <summary>Maps <see cref="WeightInitialization.Default"/> to the scheme suited to <paramref name="activation"/>.</summary>
    public static WeightInitialization Resolve(WeightInitialization scheme, Activation activation)
    {
        if (scheme != WeightInitialization.Default)
            return scheme;
        return activation is Activation.Relu or Activation.LeakyRelu or Activation.Gelu
            ? WeightInitialization.HeUniform
            : WeightInitialization.XavierUniform;
    }

    private static void FillUniform(KernelBackend backend, ulong seed, float limit, Span<float> destination)
    {
        // u ∈ (0,1) → limit·(2u − 1) ∈ (−limit, limit).
        backend.RandomUniform(seed, 0, destination);
        TensorPrimitives.Multiply(destination, 2f * limit, destination);
        TensorPrimitives.Add(destination, -limit, destination);
    }
}
