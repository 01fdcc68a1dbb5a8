namespace MLNetDiff.Nn.Training;

/// <summary>The optimizer a <see cref="NetworkTrainer"/> builds from <see cref="TrainingOptions"/>.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with L2 weight decay added to the gradient.</summary>
    Adam = 0,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW = 1,
    /// <summary>SGD with optional (Nesterov) momentum.</summary>
    Sgd = 2,
}
