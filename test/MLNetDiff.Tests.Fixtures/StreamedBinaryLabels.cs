using System;
using Microsoft.ML;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// The binary label rules of <see cref="BinaryTrainingData"/> (labels are 0 or 1; both classes occur) checked on one
/// streamed, sequential pass, with the same messages, for a trainer that never holds its rows. The pass reads features
/// too, so a bad feature value or no rows fail here first, with the reader's own errors.
/// </summary>
internal static class StreamedBinaryLabels
{
    private const int Batch = 256;

    public static void Check(IDataView data, DataOptions options, string role)
    {
        string label = options.LabelColumnName ?? throw new ArgumentOutOfRangeException(nameof(options), "A binary trainer needs a label column.");
        using StreamingBatchSource source = DataViewLoader.CreateStreamingSource(data, options, BatchOrder.Sequential);
        var features = new float[Batch * source.FeatureCount];
        var labels = new float[Batch];
        long row = 0, positives = 0;
        int rows;
        while ((rows = source.NextBatch(Batch, features, labels)) > 0)
        {
            for (int i = 0; i < rows; i++, row++)
            {
                float y = labels[i];
                if (y == 1f)
                    positives++;
                else if (y != 0f)
                    throw new InvalidOperationException(
                        $"The label column '{label}' at row {row} of the {role} data holds {y}; expected {BinaryTrainingData.ExpectedLabel}.");
            }
        }
        long negatives = row - positives;
        if (positives == 0 || negatives == 0)
            throw new InvalidOperationException(
                $"The label column '{label}' has only one class in the {role} data ({negatives} rows of class 0 (false), " +
                $"{positives} rows of class 1 (true)); a binary trainer needs both.");
    }
}
