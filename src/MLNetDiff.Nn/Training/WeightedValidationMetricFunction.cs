using System;

namespace MLNetDiff.Nn.Training;

/// <summary>Scores a whole validation set with row weights: network outputs (rows × outputSize), labels (rows × label
/// size) and one weight per row (empty when the data is unweighted: every row weighs 1). A weighted metric counts each
/// row <c>weight</c> times, i.e. it is normalised by the sum of the weights.</summary>
public delegate double WeightedValidationMetricFunction(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
    ReadOnlySpan<float> weights, int rows, int outputSize);
