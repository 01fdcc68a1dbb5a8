using System;
using MLNetDiff.Kernels;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Clustering;

/// <summary>
/// The training rows of a prototype clusterer in model space (docs/clustering.md, "Data"): one pass learns the weighted
/// standardisation (mean and population σ, weights as frequencies) and keeps the seeding sample; then batches come out
/// standardised and mapped. Data that fits in memory is transformed once (every row is the seeding sample); streamed
/// data is transformed per batch and seeded from a uniform reservoir sample of <c>sampleRows</c> rows (memory bounded by
/// the batch, the shuffle buffer and the sample, not by the data).
/// </summary>
internal sealed class PrototypeTrainingData : IDisposable
{
    private readonly BatchSource _source;
    private readonly bool _transformed;
    private readonly float[] _labels = [];

    private PrototypeTrainingData(BatchSource source, bool transformed, float[] mean, float[] scale, PrototypeMap map,
        long rows, double totalWeight, float[] sample, float[] sampleWeights, int sampleRows)
    {
        _source = source;
        _transformed = transformed;
        Mean = mean;
        Scale = scale;
        Map = map;
        Rows = rows;
        TotalWeight = totalWeight;
        Sample = sample;
        SampleWeights = sampleWeights;
        SampleRows = sampleRows;
    }

    public float[] Mean { get; }

    public float[] Scale { get; }

    public PrototypeMap Map { get; }

    public int FeatureCount => Mean.Length;

    public long Rows { get; }

    public double TotalWeight { get; }

    public bool HasWeights => _source.HasWeights;

    /// <summary>True when the rows are streamed from the data view each epoch.</summary>
    public bool Streamed => !_transformed;

    /// <summary>Model-space rows for seeding (SampleRows × d).</summary>
    public float[] Sample { get; }

    /// <summary>Weights of <see cref="Sample"/>, or empty when the data has none.</summary>
    public float[] SampleWeights { get; }

    public int SampleRows { get; }

    /// <summary>Reads <paramref name="source"/> once (statistics and sample) and returns the model-space data.</summary>
    /// <param name="source">Raw rows: an <see cref="InMemoryBatchSource"/> over <paramref name="cached"/>, or a stream.</param>
    /// <param name="cached">The rows when they fit in memory, else null.</param>
    /// <param name="map">The map after standardisation.</param>
    /// <param name="orderSeed">Seed of the per-epoch order of the transformed in-memory rows.</param>
    /// <param name="standardize">False keeps μ = 0, s = 1 (the model space is the input space).</param>
    /// <param name="sampleRows">Reservoir size for streamed data.</param>
    /// <param name="sampleSeed">Philox key of the reservoir.</param>
    /// <param name="backend">Kernels (random numbers).</param>
    /// <param name="component">Name for errors.</param>
    /// <param name="featureColumn">The feature column, for errors.</param>
    public static PrototypeTrainingData Prepare(BatchSource source, InMemoryDataset? cached, PrototypeMap map,
        ulong orderSeed, bool standardize, int sampleRows, ulong sampleSeed, KernelBackend backend, string component, string featureColumn)
    {
        int d = source.FeatureCount;
        var mean = new double[d];
        var m2 = new double[d];
        double totalWeight = 0;
        long rows = 0;
        const int batch = 1024;
        var bx = new float[batch * d];
        var bw = new float[batch];
        var labels = new float[batch * Math.Max(1, source.LabelSize)];
        bool streamed = cached is null;
        var sample = streamed ? new float[(long)sampleRows * d] : [];
        var sampleWeights = streamed ? new float[sampleRows] : [];
        var u = new float[1];
        source.Reset(0);
        int count;
        while ((count = source.NextBatch(batch, bx, labels, bw)) > 0)
        {
            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<float> row = bx.AsSpan(r * d, d);
                double w = bw[r];
                if (w > 0)
                {
                    // West's weighted update of mean and Σw(x − mean)².
                    totalWeight += w;
                    double ratio = w / totalWeight;
                    for (int f = 0; f < d; f++)
                    {
                        double delta = row[f] - mean[f];
                        mean[f] += ratio * delta;
                        m2[f] += w * delta * (row[f] - mean[f]);
                    }
                }
                if (streamed)
                {
                    // Algorithm R: row t replaces a uniform slot with probability S/(t+1).
                    long slot = rows;
                    if (rows >= sampleRows)
                    {
                        backend.RandomUniform(sampleSeed, (ulong)rows, u);
                        slot = (long)(u[0] * (rows + 1));
                    }
                    if (slot < sampleRows)
                    {
                        row.CopyTo(sample.AsSpan((int)slot * d, d));
                        sampleWeights[slot] = bw[r];
                    }
                }
                rows++;
            }
        }
        if (rows == 0)
            throw new InvalidOperationException($"The data has no rows (feature column '{featureColumn}'); {component} needs training rows.");
        if (!(totalWeight > 0))
            throw new InvalidOperationException($"Every row of the training data has weight 0; {component} needs a positive total weight.");

        var meanF = new float[d];
        var scaleF = new float[d];
        for (int f = 0; f < d; f++)
        {
            double sd = Math.Sqrt(Math.Max(0, m2[f] / totalWeight));
            meanF[f] = standardize ? (float)mean[f] : 0f;
            scaleF[f] = standardize && sd > 1e-12 * Math.Max(1, Math.Abs(mean[f])) ? (float)(1 / sd) : 1f;
        }

        if (cached is not null)
        {
            int n = cached.RowCount;
            var z = cached.Features.ToArray();
            Transform(z, n, meanF, scaleF, map);
            float[]? weights = cached.HasWeights ? cached.Weights.ToArray() : null;
            var transformed = new InMemoryDataset(z, d, rowCount: n, validate: false, weights: weights);
            var order = new InMemoryBatchSource(transformed, BatchOrder.Shuffled, orderSeed);
            (source as IDisposable)?.Dispose();
            return new PrototypeTrainingData(order, true, meanF, scaleF, map, n, totalWeight, z, weights ?? [], n);
        }
        int kept = (int)Math.Min(rows, sampleRows);
        Transform(sample, kept, meanF, scaleF, map);
        return new PrototypeTrainingData(source, false, meanF, scaleF, map, rows, totalWeight,
            sample, source.HasWeights ? sampleWeights : [], kept);
    }

    /// <summary>Starts epoch <paramref name="epoch"/> (its order is a pure function of the seed and the epoch).</summary>
    public void Reset(int epoch) => _source.Reset(epoch);

    /// <summary>The next batch of model-space rows and their weights (1 without a weight column); 0 at the epoch end.</summary>
    public int NextBatch(int maxRows, Span<float> features, Span<float> weights)
    {
        int rows = _source.NextBatch(maxRows, features, _labels, weights);
        if (!_transformed && rows > 0)
            Transform(features, rows, Mean, Scale, Map);
        return rows;
    }

    public void Dispose() => (_source as IDisposable)?.Dispose();

    private static void Transform(Span<float> values, int rows, float[] mean, float[] scale, PrototypeMap map)
    {
        int d = mean.Length;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = values.Slice(r * d, d);
            PrototypeModel.Standardize(row, mean, scale, row);
        }
        map.Apply(values, rows, d);
    }
}
