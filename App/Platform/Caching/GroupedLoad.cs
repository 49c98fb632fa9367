namespace Boltly.Platform.Caching;

/// <summary>
/// Cache misses of different keys read together: the misses that arrive while one statement is on its way to the
/// database go together in the next (<paramref name="perStatement"/> keys to a statement at the most), as the shared
/// count groups its requests (ADR 0021). So an instance that starts, or comes back to a thousand keys, sessions or users
/// after their entries ended, makes a few statements instead of one each (docs/several-instances.md, "Cold caches"). Misses of one key never
/// reach this far twice at once: the cache lets one caller per key load it.
/// </summary>
/// <param name="loadMany">Reads the given keys in one statement; a key it does not return gets <paramref name="missing"/>.
/// Called with no cancellation: one caller giving up does not cancel the others' read.</param>
public sealed class GroupedLoad<TKey, TValue>(Func<TKey[], Task<IReadOnlyDictionary<TKey, TValue>>> loadMany, TValue missing,
    int perStatement, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly Lock _gate = new();
    private Dictionary<TKey, TaskCompletionSource<TValue>> _waiting = new(comparer);
    private bool _loading;

    /// <summary>The key's value, read with whatever else is waiting; the caller stops waiting when <paramref name="ct"/>
    /// is cancelled, and the statement goes on for the rest.</summary>
    public Task<TValue> LoadAsync(TKey key, CancellationToken ct)
    {
        TaskCompletionSource<TValue>? mine;
        bool start;
        lock (_gate)
        {
            if (!_waiting.TryGetValue(key, out mine))
                _waiting[key] = mine = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            start = !_loading;
            _loading = true;
        }
        if (start) _ = LoadWaitingAsync();
        return mine.Task.WaitAsync(ct);
    }

    /// <summary>Reads everything waiting, then whatever arrived meanwhile, until nothing waits. A failed statement fails
    /// its own keys only (their requests answer as for an unreachable database); none is left waiting.</summary>
    private async Task LoadWaitingAsync()
    {
        while (true)
        {
            Dictionary<TKey, TaskCompletionSource<TValue>> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _loading = false;
                    return;
                }
                batch = _waiting;
                _waiting = new Dictionary<TKey, TaskCompletionSource<TValue>>(batch.Comparer);
            }
            foreach (var chunk in batch.Keys.Chunk(perStatement))
            {
                try
                {
                    var found = await loadMany(chunk);
                    foreach (var key in chunk) batch[key].TrySetResult(found.TryGetValue(key, out var value) ? value : missing);
                }
                catch (Exception ex)
                {
                    foreach (var key in chunk) batch[key].TrySetException(ex);
                }
            }
        }
    }
}
