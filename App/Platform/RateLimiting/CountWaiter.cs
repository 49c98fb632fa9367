using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// One request waiting for its shared count (<see cref="WindowRateLimiter"/>): a reusable source for the
/// <see cref="ValueTask{TResult}"/> the request awaits, taken from a pool and returned to it once the request has read
/// its result, so a counted request allocates no <see cref="TaskCompletionSource{TResult}"/> or task. Its continuation
/// runs on the thread that completes it: the pump completes one waiter of a batch itself and hands the others to the
/// thread pool as work items (<see cref="IThreadPoolWorkItem"/>, no allocation), ADR 0033.
/// </summary>
internal sealed class CountWaiter : IValueTaskSource<long>, IThreadPoolWorkItem
{
    private const int PoolLimit = 1024;
    private static readonly ConcurrentQueue<CountWaiter> Pool = new();
    private static int _pooled;

    // RunContinuationsAsynchronously stays false: whoever completes the waiter runs the request's continuation.
    private ManualResetValueTaskSourceCore<long> _core;
    private long _count;
    private Exception? _error;

    public static CountWaiter Rent()
    {
        if (Pool.TryDequeue(out var waiter))
        {
            Interlocked.Decrement(ref _pooled);
            return waiter;
        }
        return new CountWaiter();
    }

    /// <summary>What the request awaits; valid until it has read the result once.</summary>
    public ValueTask<long> Task => new(this, _core.Version);

    /// <summary>Sets the outcome without completing (the pump decides where the continuation runs).</summary>
    public void Prepare(long count, Exception? error)
    {
        _count = count;
        _error = error;
    }

    /// <summary>Completes with the prepared outcome on this thread, running the request's continuation here.</summary>
    public void Complete()
    {
        if (_error is { } error) _core.SetException(error);
        else _core.SetResult(_count);
    }

    /// <summary>On a thread-pool worker: completes there.</summary>
    void IThreadPoolWorkItem.Execute() => Complete();

    public long GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _error = null;
            if (Interlocked.Increment(ref _pooled) <= PoolLimit) Pool.Enqueue(this);
            else Interlocked.Decrement(ref _pooled);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
