using System;
using MLNetDiff.Kernels;

namespace MLNetDiff.Nn.Optimizers;

/// <summary>
/// Updates a flat parameter buffer from its flat gradient buffer. State (moments, velocity) is sized on the first
/// update and reused, so steady-state updates allocate nothing.
/// </summary>
/// <remarks>To give parameter groups different learning rates (e.g. a mask network and a task network sharing one
/// buffer), use one optimizer per contiguous slice.</remarks>
public abstract class Optimizer
{
    /// <summary>Short name for reports.</summary>
    public abstract string Name { get; }

    /// <summary>Number of updates performed since creation or <see cref="Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>Number of parameters the state is sized for (0 before the first update).</summary>
    public int ParameterCount { get; private set; }

    /// <summary>Applies one update: <paramref name="parameters"/> -= step(<paramref name="gradients"/>).</summary>
    /// <param name="backend">Kernel backend.</param>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">∂L/∂parameters, same length.</param>
    /// <param name="learningRate">Learning rate of this step (≥ 0, finite).</param>
    public void Update(KernelBackend backend, Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (gradients.Length != parameters.Length)
            throw new ArgumentException($"'{nameof(gradients)}' has {gradients.Length} elements; the parameters have {parameters.Length}.", nameof(gradients));
        if (!(learningRate >= 0f && float.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and non-negative.");
        if (ParameterCount == 0 && parameters.Length > 0)
        {
            ParameterCount = parameters.Length;
            AllocateState(parameters.Length);
        }
        else if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"This optimizer's state is sized for {ParameterCount} parameters; got {parameters.Length}. Use one optimizer per parameter buffer.",
                nameof(parameters));
        }
        StepCount++;
        UpdateCore(backend, parameters, gradients, learningRate, StepCount);
    }

    /// <summary>Forgets all state (moments and step count).</summary>
    public void Reset()
    {
        StepCount = 0;
        ClearState();
    }

    /// <summary>Allocates state for <paramref name="count"/> parameters (called once).</summary>
    protected abstract void AllocateState(int count);

    /// <summary>Zeroes the state.</summary>
    protected abstract void ClearState();

    /// <summary>The update rule; <paramref name="step"/> is 1-based.</summary>
    protected abstract void UpdateCore(KernelBackend backend, Span<float> parameters, ReadOnlySpan<float> gradients,
        float learningRate, long step);
}
