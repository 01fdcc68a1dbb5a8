using System.Collections.Generic;
using System.Threading;
using Microsoft.ML;

namespace MLNetDiff.Cli.Tests.Helpers;

/// <summary>An IDataView that counts the passes over it (a cursor, or a set of parallel cursors), so a test can catch
/// work that grows with the number of columns without timing anything.</summary>
internal sealed class CountingDataView(IDataView inner) : IDataView
{
    private int _cursors;

    public int Passes => _cursors;

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, System.Random? rand = null)
    {
        Interlocked.Increment(ref _cursors);
        return inner.GetRowCursor(columnsNeeded, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, System.Random? rand = null)
    {
        // ML.NET splits one pass over the rows into a set of parallel cursors: still one pass.
        Interlocked.Increment(ref _cursors);
        return inner.GetRowCursorSet(columnsNeeded, n, rand);
    }
}
