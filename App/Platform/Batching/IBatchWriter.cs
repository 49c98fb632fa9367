namespace Boltly.Platform.Batching;

/// <summary>
/// Per-instance work counted in memory and written every few seconds (docs/scheduled-work.md): the request path only
/// records (no await, no lock), <see cref="FlushAsync"/> writes what was recorded. A write that fails keeps what it took
/// for the next flush, and a retry never counts anything twice (the write is idempotent or carries an id). Run by
/// <see cref="BatchWriterService{TWriter}"/>: on its interval, and once more when the host stops.
/// </summary>
public interface IBatchWriter
{
    /// <summary>Writes what was recorded since the last flush; returns how many items were written.</summary>
    Task<int> FlushAsync(CancellationToken ct = default);
}
