using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace MLNetDiff.Nn.Training;

/// <summary>Work that <see cref="ShardWorker"/> runs on its thread.</summary>
internal interface IShardWork
{
    /// <summary>Runs the work (on the worker thread).</summary>
    void Run();
}

/// <summary>
/// One process-wide background thread that runs the second half of data-parallel training steps. A trainer takes it
/// with <see cref="TryAcquire"/> for one step, posts its work, runs its own share, waits, and releases it; while another
/// trainer holds it, a trainer runs all its shards itself (same results: sharding never depends on threads).
/// </summary>
/// <remarks>Signalled with spinning <see cref="ManualResetEventSlim"/>s, so a step allocates nothing and the hand-off
/// costs microseconds. The thread is a background thread: it never keeps the process alive.</remarks>
internal static class ShardWorker
{
    private const int SpinCount = 2047;
    private static readonly ManualResetEventSlim StartSignal = new(false, SpinCount);
    private static readonly ManualResetEventSlim DoneSignal = new(false, SpinCount);
    private static readonly object StartLock = new();
    private static int _busy;
    private static Thread? _thread;
    private static IShardWork? _work;
    private static ExceptionDispatchInfo? _error;
    private static long _allocatedBytes;
    private static long _jobCount;

    /// <summary>Bytes the worker thread has allocated, as of the end of its last job (for the allocation tests).</summary>
    internal static long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>Jobs the worker thread has run (for tests).</summary>
    internal static long JobCount => Volatile.Read(ref _jobCount);

    /// <summary>Takes the worker for one post/wait cycle; false when another trainer has it.</summary>
    public static bool TryAcquire()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            return false;
        if (_thread is null)
        {
            lock (StartLock)
            {
                if (_thread is null)
                {
                    try
                    {
                        var thread = new Thread(Loop) { IsBackground = true, Name = "MLNetDiff shard worker" };
                        thread.Start();
                        _thread = thread;
                    }
                    catch
                    {
                        Release(); // no thread: shards run on the caller (same results)
                        throw;
                    }
                }
            }
        }
        return true;
    }

    /// <summary>Gives the worker back (after <see cref="Wait"/>).</summary>
    public static void Release() => Volatile.Write(ref _busy, 0);

    /// <summary>Starts <paramref name="work"/> on the worker thread (the caller holds the worker).</summary>
    public static void Post(IShardWork work)
    {
        _error = null;
        _work = work;
        DoneSignal.Reset();
        StartSignal.Set();
    }

    /// <summary>Waits for the posted work to finish; returns its exception, if any.</summary>
    public static ExceptionDispatchInfo? Wait()
    {
        DoneSignal.Wait();
        ExceptionDispatchInfo? error = _error;
        _error = null;
        _work = null;
        return error;
    }

    private static void Loop()
    {
        while (true)
        {
            StartSignal.Wait();
            StartSignal.Reset();
            try
            {
                _work!.Run();
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            Interlocked.Increment(ref _jobCount);
            DoneSignal.Set();
        }
    }
}
