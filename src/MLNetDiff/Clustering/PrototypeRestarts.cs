using System;

namespace MLNetDiff.Clustering;

/// <summary>
/// Independent restarts of a prototype fit, keeping the one with the lowest objective (the first on ties). Shared by
/// the prototype clusterers: each supplies its own run (seeding, epochs) and its own objective (NeuralKMeans: the
/// weighted mean squared distance to the nearest prototype; ClAM: its reconstruction loss).
/// </summary>
internal static class PrototypeRestarts
{
    /// <returns>The best run, its index and every run's objective.</returns>
    public static (T Best, int Index, double[] Objectives) Run<T>(int restarts, Func<int, (T Result, double Objective)> run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        ArgumentNullException.ThrowIfNull(run);
        var objectives = new double[restarts];
        T best = default!;
        int index = -1;
        for (int r = 0; r < restarts; r++)
        {
            (T result, double objective) = run(r);
            objectives[r] = objective;
            // NaN never wins; a first run that is NaN is replaced by any later finite one.
            if (index < 0 || objective < objectives[index] || (double.IsNaN(objectives[index]) && !double.IsNaN(objective)))
            {
                best = result;
                index = r;
            }
        }
        return (best, index, objectives);
    }
}
