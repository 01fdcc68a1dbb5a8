using System;
using System.Collections.Generic;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Initialization;

namespace MLNetDiff.Nn.Layers;

/// <summary>Builds the common fully connected network: input → [Linear+act → (LayerNorm) → (Dropout)]* → Linear.</summary>
public static class MultiLayerPerceptron
{
    /// <summary>Creates and initialises a multi-layer perceptron.</summary>
    /// <param name="inputSize">Features per row.</param>
    /// <param name="hiddenSizes">Units of each hidden layer (may be empty: a linear model).</param>
    /// <param name="outputSize">Outputs per row (1 for a binary logit, the class count for softmax).</param>
    /// <param name="activation">Activation of the hidden layers (fused into their Linear layers).</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="dropoutRate">Dropout after each hidden layer; 0 adds none.</param>
    /// <param name="layerNorm">Whether to add a <see cref="LayerNorm"/> after each hidden activation.</param>
    /// <param name="outputActivation">Activation of the output layer (usually identity: losses take logits).</param>
    /// <param name="initialization">Weight initialisation of every Linear layer.</param>
    /// <param name="backend">Kernel backend; <see cref="KernelBackends.Default"/> when null.</param>
    public static Sequential Create(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize,
        Activation activation = Activation.Relu, ulong seed = 0, float dropoutRate = 0f, bool layerNorm = false,
        Activation outputActivation = Activation.Identity,
        WeightInitialization initialization = WeightInitialization.Default, KernelBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (!(dropoutRate >= 0f && dropoutRate < 1f))
            throw new ArgumentOutOfRangeException(nameof(dropoutRate), dropoutRate, "The dropout rate must be in [0, 1).");
        var layers = new List<Layer>();
        int previous = inputSize;
        foreach (int units in hiddenSizes)
        {
            layers.Add(new Linear(previous, units, activation, true, initialization));
            if (layerNorm)
                layers.Add(new LayerNorm(units));
            if (dropoutRate > 0f)
                layers.Add(new Dropout(units, dropoutRate));
            previous = units;
        }
        layers.Add(new Linear(previous, outputSize, outputActivation, true, initialization));
        var network = new Sequential(layers, backend);
        network.Initialize(seed);
        return network;
    }
}
