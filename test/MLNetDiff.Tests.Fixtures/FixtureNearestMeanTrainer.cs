using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// Multiclass fixture: the mean of each class; scores are the softmax of negative squared distances. The label must
/// be a Key with a known count (use <c>MapValueToKey</c>); the predicted label is a key of the same type.
/// </summary>
public sealed class FixtureNearestMeanTrainer
    : TrainerEstimatorBase<MulticlassPredictionTransformer<FixtureNearestMeanModelParameters>, FixtureNearestMeanModelParameters>
{
    internal const string LoadName = "FixtureNearestMean";
    private const string LabelType = "a Key label with a known count (use mlContext.Transforms.Conversion.MapValueToKey)";
    private static readonly TrainerInfo _info = new(normalization: false, caching: false);

    internal FixtureNearestMeanTrainer(IHostEnvironment env, string labelColumnName, string featureColumnName)
        : base(env.Register(LoadName), TrainerUtils.MakeR4VecFeature(featureColumnName), TrainerUtils.MakeU4ScalarColumn(labelColumnName))
    {
    }

    /// <inheritdoc/>
    public override TrainerInfo Info => _info;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.MulticlassClassification;

    /// <inheritdoc/>
    protected override void CheckLabelCompatible(SchemaShape.Column labelCol)
        => SchemaChecks.RequireKey(new SchemaShape([labelCol]), LabelColumn.Name, "label", nameof(labelCol));

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema)
    {
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, FeatureColumn.Name, "feature", nameof(inputSchema));
        return TrainerOutputColumns.Multiclass(inputSchema, LabelColumn.Name);
    }

    /// <inheritdoc/>
    protected override RoleMappedData MakeRoles(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SchemaChecks.RequireKnownSizeSingleVector(data.Schema, FeatureColumn.Name, "feature", nameof(data));
        ulong count = SchemaChecks.RequireKey(data.Schema, LabelColumn.Name, "label", nameof(data));
        if (count < 2 || count > 1 << 16)
            throw SchemaChecks.Mismatch("label", LabelColumn.Name, LabelType + " of 2 to 65536 classes", $"a Key of {count} values", nameof(data));
        return base.MakeRoles(data);
    }

    /// <inheritdoc/>
    protected override MulticlassPredictionTransformer<FixtureNearestMeanModelParameters> MakeTransformer(
        FixtureNearestMeanModelParameters model, DataViewSchema trainSchema)
        => new(Host, model, trainSchema, FeatureColumn.Name, LabelColumn.Name);

    /// <inheritdoc/>
    protected override FixtureNearestMeanModelParameters TrainModelCore(TrainContext trainContext)
    {
        DataViewSchema.Column label = trainContext.TrainingSet.Schema.Label!.Value;
        int classes = checked((int)((KeyDataViewType)label.Type).Count);
        InMemoryDataset data = RoleMappedTrainingData.Read(trainContext.TrainingSet, nameof(FixtureNearestMeanTrainer));
        int d = data.FeatureCount;
        var sums = new double[classes, d];
        var counts = new int[classes];
        for (int i = 0; i < data.RowCount; i++)
        {
            int c = (int)data.Labels[i];
            counts[c]++;
            ReadOnlySpan<float> row = data.GetFeatures(i);
            for (int j = 0; j < d; j++)
                sums[c, j] += row[j];
        }
        var means = new float[classes][];
        for (int c = 0; c < classes; c++)
        {
            if (counts[c] == 0)
                throw new InvalidOperationException($"The label column '{label.Name}' has no row of class {c}; {nameof(FixtureNearestMeanTrainer)} needs every class of the key type in the training data.");
            means[c] = new float[d];
            for (int j = 0; j < d; j++)
                means[c][j] = (float)(sums[c, j] / counts[c]);
        }
        return new FixtureNearestMeanModelParameters(Host, means);
    }
}
