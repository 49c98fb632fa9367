using System.Net;
using Boltly.Platform.Batching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Each key's last use (to the minute) and client address: the platform's <see cref="LastUseWriter"/> over
/// <c>api_keys</c>, written every <see cref="ApiKeyOptions.UsageFlushSeconds"/>. No database write per request; a failed
/// write is retried at the next flush.
/// </summary>
public sealed class ApiKeyUsageTracker(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IBatchWriter
{
    private static readonly LastUseTable Table = new("api_keys", "last_used_at", "last_used_address");

    // A key's memory entry is kept a day: past that, one more write a day per idle key costs nothing.
    private readonly LastUseWriter _writer = new(Table, contexts, clock, TimeSpan.FromDays(1));

    /// <summary>Notes a use; the address is formatted only when a new minute is noted, not per request.</summary>
    public void Touch(Guid keyId, IPAddress? clientAddress) => _writer.Touch(keyId, clientAddress);

    /// <summary>Writes what is pending in one statement; returns the number of keys written.</summary>
    public Task<int> FlushAsync(CancellationToken ct = default) => _writer.FlushAsync(ct);
}
