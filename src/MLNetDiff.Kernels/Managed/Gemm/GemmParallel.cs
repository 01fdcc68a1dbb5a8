using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace MLNetDiff.Kernels.Managed;

/// <summary>Splits a GEMM into bands of rows or columns of C run on the thread pool; the calling thread works
/// too and takes any band no worker has started, so a busy pool never stalls the call.</summary>
internal static unsafe class GemmParallel
{
    /// <summary>A split into <see cref="Bands"/> bands of <see cref="BandSize"/> rows (or columns) of C; the last
    /// band may be shorter.</summary>
    /// <param name="SplitColumns">Bands of columns rather than rows.</param>
    /// <param name="Bands">Number of bands (≤ threads).</param>
    /// <param name="BandSize">Band size, a multiple of the tile, so only the last band has an edge tile.</param>
    /// <param name="Extent">M or N.</param>
    internal readonly record struct Plan(bool SplitColumns, int Bands, int BandSize, int Extent)
    {
        public int Start(int band) => Math.Min(band * BandSize, Extent);
    }

    /// <summary>Splits rows of C unless that duplicates more work than splitting columns, in elements moved:
    /// a row split packs all of B in every band (K·N, twice that for a transpose; nothing when B is read in
    /// place); a column split packs all of A in every band (K·M, 2× a copy, 3× a transpose) or, with A read in
    /// place, streams all of A in every band with fewer panels to reuse each A tile over (1.25·K·M). Measured
    /// on the MLP shapes, rows win or tie whenever this picks them; columns win for a short M with a large
    /// transposed B.</summary>
    public static Plan MakePlan<TKernel>(in GemmArgs g, GemmModes modes, int maxThreads) where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.MR;
        int nr = TKernel.NR;
        bool canRows = g.M >= 2 * mr;
        bool canColumns = g.N >= 2 * nr;
        if (!canRows && !canColumns)
            return new Plan(false, 1, g.M, g.M);
        bool bInPlace = modes.BInPlace && !g.TransB;
        double rowSplitCost = bInPlace ? 0 : (double)g.K * g.N * (g.TransB ? 2 : 1);
        double columnSplitCost = (double)g.K * g.M * (modes.AInPlace ? 1.25 : g.TransA ? 2 : 3);
        bool splitColumns = canColumns && (!canRows || columnSplitCost < rowSplitCost);
        int extent = splitColumns ? g.N : g.M;
        int unit = splitColumns ? nr : mr;
        int units = (extent + unit - 1) / unit;
        int bands = Math.Min(maxThreads, units);
        int bandSize = (units + bands - 1) / bands * unit;
        bands = (extent + bandSize - 1) / bandSize;
        return new Plan(splitColumns, bands, bandSize, extent);
    }

    public static void Run<TKernel>(in GemmArgs g, GemmModes modes, Plan plan) where TKernel : struct, IGemmKernel
    {
        var job = new Job<TKernel>(g, modes, plan);
        for (int i = 1; i < plan.Bands; i++)
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        job.Work();
        job.Wait();
    }

    private sealed class Job<TKernel> : IThreadPoolWorkItem where TKernel : struct, IGemmKernel
    {
        private readonly GemmArgs _args;
        private readonly GemmModes _modes;
        private readonly Plan _plan;
        private readonly object _gate = new();
        private int _next;
        private int _pending;
        private Exception? _error;

        public Job(in GemmArgs args, GemmModes modes, Plan plan)
        {
            _args = args;
            _modes = modes;
            _plan = plan;
            _pending = plan.Bands;
        }

        public void Execute() => Work();

        /// <summary>Runs bands until none is left unclaimed.</summary>
        public void Work()
        {
            int band;
            while ((band = Interlocked.Increment(ref _next) - 1) < _plan.Bands)
            {
                try
                {
                    int start = _plan.Start(band);
                    int end = _plan.Start(band + 1);
                    GemmArgs sub = _plan.SplitColumns ? _args.ColumnBand(start, end) : _args.RowBand(start, end);
                    GemmDriver<TKernel>.Run(sub, _modes);
                }
#pragma warning disable CA1031 // Any failure is rethrown on the calling thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Interlocked.CompareExchange(ref _error, e, null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _pending) == 0)
                    {
                        lock (_gate)
                            Monitor.PulseAll(_gate);
                    }
                }
            }
        }

        /// <summary>Waits for every band (the memory stays pinned by the caller until then).</summary>
        public void Wait()
        {
            // Bands are similar in size: spin briefly, then block.
            var spin = default(SpinWait);
            while (Volatile.Read(ref _pending) != 0 && spin.Count < 200)
                spin.SpinOnce(sleep1Threshold: -1);
            lock (_gate)
            {
                while (Volatile.Read(ref _pending) != 0)
                    Monitor.Wait(_gate);
            }

            if (_error is not null)
                ExceptionDispatchInfo.Capture(_error).Throw();
        }
    }
}
