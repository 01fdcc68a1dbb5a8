using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MLNetDiff.Testing.Quality;

/// <summary>
/// One row of a quality table: a metric of our pipeline and of an ML.NET baseline, per fold (or the one split) of the
/// same data, and the assertion a test makes on it.
/// </summary>
/// <param name="Dataset">The data, for the table.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="Ours">Our pipeline's name.</param>
/// <param name="Baseline">The baseline's name.</param>
/// <param name="OursValues">Our metric per fold (one value for a train/test split).</param>
/// <param name="BaselineValues">The baseline's metric on the same folds.</param>
public sealed record QualityRow(string Dataset, QualityMetric Metric, string Ours, string Baseline,
    IReadOnlyList<double> OursValues, IReadOnlyList<double> BaselineValues)
{
    /// <summary>The table's header, matching <see cref="ToString"/>.</summary>
    public const string Header = "| data | metric | ours | mean ± sd | baseline | mean ± sd | ours − baseline |";

    /// <summary>Our mean over the folds.</summary>
    public double OursMean => OursValues.Average();

    /// <summary>The baseline's mean over the folds.</summary>
    public double BaselineMean => BaselineValues.Average();

    /// <summary>Ours − baseline (positive is better for a higher-is-better metric).</summary>
    public double Difference => OursMean - BaselineMean;

    /// <summary>Asserts our mean is no worse than the baseline's by more than <paramref name="margin"/> in the metric's
    /// direction; the message is the table row. A non-finite baseline fails: the comparison would be vacuous.</summary>
    public void AssertNoWorseThanBaseline(double margin)
    {
        if (!(margin >= 0 && double.IsFinite(margin)))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be finite and >= 0.");
        if (!double.IsFinite(BaselineMean))
            Assert.Fail($"the baseline's {Metric.Name} is {F(BaselineMean)}: the comparison would be vacuous\n{Header}\n{this}");
        bool ok = Metric.HigherIsBetter ? OursMean >= BaselineMean - margin : OursMean <= BaselineMean + margin;
        if (!ok)
            Assert.Fail($"{Ours} is worse than {Baseline} by more than {F(margin)} in {Metric.Name}\n{Header}\n{this}");
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"| {Dataset} | {Metric.Name} | {Ours} | {Spread(OursValues)} | {Baseline} | {Spread(BaselineValues)} | {F(Difference)} |";

    private static string Spread(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return $"{F(mean)} ± {F(sd)}";
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
