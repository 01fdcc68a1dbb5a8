using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// Learns the per-slot mean and standard deviation of a known-size Single vector column (finite values only; an
/// all-constant slot gets scale 1) and returns a <see cref="FixtureStandardizingTransformer"/>.
/// </summary>
public sealed class FixtureStandardizingEstimator : IEstimator<FixtureStandardizingTransformer>
{
    private readonly IHost _host;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;

    internal FixtureStandardizingEstimator(IHostEnvironment env, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        _host = env.Register(nameof(FixtureStandardizingEstimator));
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName;
    }

    /// <inheritdoc/>
    public FixtureStandardizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SchemaChecks.RequireKnownSizeSingleVector(input.Schema, _inputColumnName, "input", nameof(input));
        var roles = new RoleMappedData(input, label: null, feature: _inputColumnName);
        InMemoryDataset data = RoleMappedTrainingData.Read(roles, nameof(FixtureStandardizingEstimator), "input");
        int d = data.FeatureCount;
        var mean = new double[d];
        var squares = new double[d];
        for (int i = 0; i < data.RowCount; i++)
        {
            ReadOnlySpan<float> row = data.GetFeatures(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
                squares[j] += (double)row[j] * row[j];
            }
        }
        var meanOut = new float[d];
        var scale = new float[d];
        for (int j = 0; j < d; j++)
        {
            double m = mean[j] / data.RowCount;
            double variance = Math.Max(0, squares[j] / data.RowCount - m * m);
            meanOut[j] = (float)m;
            scale[j] = variance > 1e-24 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new FixtureStandardizingTransformer(_host, _outputColumnName, _inputColumnName, meanOut, scale);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, _inputColumnName, "input", nameof(inputSchema));
        inputSchema.TryFindColumn(_inputColumnName, out SchemaShape.Column input);
        var annotations = new SchemaShape(input.Annotations.Where(a => a.Name == AnnotationUtils.Kinds.SlotNames));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[_outputColumnName] = new SchemaShape.Column(_outputColumnName, SchemaShape.Column.VectorKind.Vector,
            NumberDataViewType.Single, false, annotations);
        return new SchemaShape(columns.Values);
    }
}
