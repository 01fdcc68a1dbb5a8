using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MLNetDiff.Integration;
using MLNetDiff.Nn.Data;

namespace MLNetDiff.Tests.Fixtures;

/// <summary>
/// Ranking fixture: a linear scorer fitted by ridge regression of the relevance label on the features (a pointwise
/// ranker). Needs a Key-typed group column, as <c>mlContext.Ranking.Evaluate</c> does.
/// </summary>
public sealed class FixtureRankingTrainer
    : TrainerEstimatorBaseWithGroupId<RankingPredictionTransformer<FixtureLinearRankingModelParameters>, FixtureLinearRankingModelParameters>
{
    internal const string LoadName = "FixtureLinearRanker";
    private const string LabelTypes = "a scalar Single or Key relevance label";
    private static readonly TrainerInfo _info = new(normalization: false, caching: false);
    private readonly float _ridge;

    internal FixtureRankingTrainer(IHostEnvironment env, string labelColumnName, string featureColumnName,
        string rowGroupColumnName, float ridge)
        : base(env.Register(LoadName), TrainerUtils.MakeR4VecFeature(featureColumnName),
            TrainerUtils.MakeR4ScalarColumn(labelColumnName), weight: default,
            groupId: TrainerUtils.MakeU4ScalarColumn(rowGroupColumnName))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        _ridge = ridge;
    }

    /// <inheritdoc/>
    public override TrainerInfo Info => _info;

    /// <inheritdoc/>
    protected override PredictionKind PredictionKind => PredictionKind.Ranking;

    /// <inheritdoc/>
    protected override void CheckLabelCompatible(SchemaShape.Column labelCol)
        => SchemaChecks.RequireScalar(new SchemaShape([labelCol]), LabelColumn.Name, "label", IsLabelType, LabelTypes, nameof(labelCol));

    /// <inheritdoc/>
    protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema)
    {
        SchemaChecks.RequireKnownSizeSingleVector(inputSchema, FeatureColumn.Name, "feature", nameof(inputSchema));
        SchemaChecks.RequireKey(inputSchema, GroupIdColumn.Name, "group", nameof(inputSchema));
        return TrainerOutputColumns.Ranking();
    }

    /// <inheritdoc/>
    protected override RoleMappedData MakeRoles(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SchemaChecks.RequireKnownSizeSingleVector(data.Schema, FeatureColumn.Name, "feature", nameof(data));
        SchemaChecks.RequireScalar(data.Schema, LabelColumn.Name, "label", IsLabelType, LabelTypes, nameof(data));
        SchemaChecks.RequireKey(data.Schema, GroupIdColumn.Name, "group", nameof(data));
        return base.MakeRoles(data);
    }

    /// <inheritdoc/>
    protected override RankingPredictionTransformer<FixtureLinearRankingModelParameters> MakeTransformer(
        FixtureLinearRankingModelParameters model, DataViewSchema trainSchema)
        => new(Host, model, trainSchema, FeatureColumn.Name);

    /// <inheritdoc/>
    protected override FixtureLinearRankingModelParameters TrainModelCore(TrainContext trainContext)
    {
        InMemoryDataset data = RoleMappedTrainingData.Read(trainContext.TrainingSet, nameof(FixtureRankingTrainer));
        // Normal equations of ridge regression with an unpenalised bias: [X 1]ᵀ[X 1] θ = [X 1]ᵀ y.
        int d = data.FeatureCount, m = d + 1;
        var a = new double[m * m];
        var b = new double[m];
        var x = new double[m];
        x[d] = 1;
        for (int i = 0; i < data.RowCount; i++)
        {
            ReadOnlySpan<float> row = data.GetFeatures(i);
            for (int j = 0; j < d; j++)
                x[j] = row[j];
            double y = data.Labels[i];
            for (int p = 0; p < m; p++)
            {
                b[p] += x[p] * y;
                for (int q = 0; q <= p; q++)
                    a[p * m + q] += x[p] * x[q];
            }
        }
        for (int p = 0; p < m; p++)
        {
            for (int q = 0; q < p; q++)
                a[q * m + p] = a[p * m + q];
            a[p * m + p] += p < d ? _ridge * data.RowCount + 1e-9 : 1e-9;
        }
        double[] theta = FixtureMath.SolveSpd(a, b, m);
        var weights = new float[d];
        for (int j = 0; j < d; j++)
            weights[j] = (float)theta[j];
        return new FixtureLinearRankingModelParameters(Host, weights, (float)theta[d]);
    }

    private static bool IsLabelType(DataViewType type) => type == NumberDataViewType.Single || type is KeyDataViewType;
}
