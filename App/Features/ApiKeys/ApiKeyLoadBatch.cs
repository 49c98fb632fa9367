namespace Boltly.Features.ApiKeys;

/// <summary>
/// Cold loads of key records, grouped: the misses of different keys that arrive while one statement is on its way
/// to PostgreSQL go together in the next (<c>key_hash = ANY(…)</c>, <see cref="ApiKeyValidator.KeysPerStatement"/> to a
/// statement), as the shared count groups its requests (ADR 0021). So an instance that starts, or comes back to a
/// thousand keys after their entries ended, makes a few statements instead of one per key (docs/api-keys.md). Misses of
/// one key never reach this far twice at once: the cache lets one caller per key load it.
/// </summary>
internal sealed class ApiKeyLoadBatch(Func<string[], Task<Dictionary<string, ApiKeyRecord>>> loadMany)
{
    private readonly Lock _gate = new();
    private Dictionary<string, TaskCompletionSource<ApiKeyRecord>> _waiting = new(StringComparer.Ordinal);
    private bool _loading;

    /// <summary>The key's record (<see cref="ApiKeyRecord.NotFound"/> when no key has this hash), read with the others
    /// waiting; the caller stops waiting when <paramref name="ct"/> is cancelled, the statement goes on for the rest.</summary>
    public Task<ApiKeyRecord> LoadAsync(string keyHash, CancellationToken ct)
    {
        TaskCompletionSource<ApiKeyRecord>? mine;
        bool start;
        lock (_gate)
        {
            if (!_waiting.TryGetValue(keyHash, out mine))
                _waiting[keyHash] = mine = new TaskCompletionSource<ApiKeyRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            Dictionary<string, TaskCompletionSource<ApiKeyRecord>> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _loading = false;
                    return;
                }
                batch = _waiting;
                _waiting = new Dictionary<string, TaskCompletionSource<ApiKeyRecord>>(StringComparer.Ordinal);
            }
            foreach (var chunk in batch.Keys.Chunk(ApiKeyValidator.KeysPerStatement))
            {
                try
                {
                    var found = await loadMany(chunk);
                    foreach (var keyHash in chunk)
                        batch[keyHash].TrySetResult(found.TryGetValue(keyHash, out var record) ? record : ApiKeyRecord.NotFound);
                }
                catch (Exception ex)
                {
                    foreach (var keyHash in chunk) batch[keyHash].TrySetException(ex);
                }
            }
        }
    }
}
