using System;

namespace MLNetDiff.Metrics;

/// <summary>Minimum-cost assignment of a rectangular cost matrix by the Hungarian algorithm (shortest augmenting paths
/// with row/column potentials, O(r²c) for r ≤ c): used by <see cref="ClusteringAgreement.Accuracy"/> to match clusters to
/// labels (spec clustering.md C3).</summary>
internal static class HungarianAssignment
{
    /// <summary>The column assigned to each row (−1 for rows left unassigned when there are more rows than columns), such
    /// that the summed cost over assigned rows is minimal; every row is assigned when rows ≤ columns, every column
    /// otherwise.</summary>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        foreach (double c in cost)
        {
            if (!double.IsFinite(c))
                throw new ArgumentException("The cost matrix holds a NaN or infinite cost; expected finite costs.", nameof(cost));
        }
        if (rows <= columns)
            return SolveWide(rows, columns, (r, c) => cost[r, c]);
        // More rows than columns: assign the columns to rows, then invert the map.
        int[] rowOfColumn = SolveWide(columns, rows, (r, c) => cost[c, r]);
        var columnOfRow = new int[rows];
        Array.Fill(columnOfRow, -1);
        for (int c = 0; c < columns; c++)
            columnOfRow[rowOfColumn[c]] = c;
        return columnOfRow;
    }

    /// <summary>n ≤ m. Classic potentials formulation: rows are added one at a time and each is placed by a Dijkstra-like
    /// search over reduced costs (u_i + v_j ≤ cost_ij kept invariant), so the total work is O(n²m).</summary>
    private static int[] SolveWide(int n, int m, Func<int, int, double> cost)
    {
        // 1-based with a virtual column 0 that holds the row being placed.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var minimum = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            int j0 = 0;
            Array.Fill(minimum, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = rowOfColumn[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j])
                        continue;
                    double reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = j0;
                    }
                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (rowOfColumn[j0] != 0);
            // Flip the augmenting path back to the virtual column.
            do
            {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        var columnOfRow = new int[n];
        for (int j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0)
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
        }
        return columnOfRow;
    }
}
