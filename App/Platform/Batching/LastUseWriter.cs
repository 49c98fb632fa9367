using System.Net;
using System.Collections.Concurrent;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Platform.Batching;

/// <summary>
/// "Last used" to the minute (API keys, sessions): a use is noted in memory (one dictionary read per request, a write
/// once a minute per id) and written in one batched UPDATE per flush, never moving a stored time backwards. A failed
/// write keeps its entries for the next flush; rewriting a minute changes nothing, so a retry never counts twice. What
/// this instance saw stays readable (<see cref="LastSeen"/>) until it is older than the forget period.
/// </summary>
public sealed class LastUseWriter(LastUseTable table, IDbContextFactory<AppDbContext> contexts, TimeProvider clock, TimeSpan forgetAfter)
    : IBatchWriter
{
    private readonly ConcurrentDictionary<Guid, LastUse> _seen = new();
    private readonly ConcurrentDictionary<Guid, LastUse> _pending = new();

    private readonly string _sql = table.AddressColumn is { } address
        ? $"""
            UPDATE {table.Table} AS t SET {table.AtColumn} = u.at, {address} = COALESCE(u.address, t.{address})
            FROM unnest(@ids, @times, @addresses) AS u(id, at, address)
            WHERE t.id = u.id AND (t.{table.AtColumn} IS NULL OR t.{table.AtColumn} < u.at)
            """
        : $"""
            UPDATE {table.Table} AS t SET {table.AtColumn} = u.at
            FROM unnest(@ids, @times) AS u(id, at)
            WHERE t.id = u.id AND (t.{table.AtColumn} IS NULL OR t.{table.AtColumn} < u.at)
            """;

    /// <summary>Notes a use now, to the minute; the first use of a minute wins it (its address included).</summary>
    public void Touch(Guid id, string? address = null)
    {
        var minute = Minute(clock.GetUtcNow());
        if (_seen.TryGetValue(id, out var seen) && seen.Minute >= minute) return;
        var use = new LastUse(minute, address);
        _seen[id] = use;
        _pending[id] = use;
    }

    /// <summary><see cref="Touch(Guid, string?)"/> with an address the connection holds: formatted only when a minute
    /// is noted (once a minute per id), never per request.</summary>
    public void Touch(Guid id, IPAddress? address)
    {
        var minute = Minute(clock.GetUtcNow());
        if (_seen.TryGetValue(id, out var seen) && seen.Minute >= minute) return;
        var use = new LastUse(minute, address?.ToString());
        _seen[id] = use;
        _pending[id] = use;
    }

    /// <summary>The last use this instance saw, if any.</summary>
    public DateTimeOffset? LastSeen(Guid id) => _seen.TryGetValue(id, out var seen) ? seen.Minute : null;

    /// <summary>Forgets an id (a session that ended): nothing more is written for it.</summary>
    public void Forget(Guid id)
    {
        _seen.TryRemove(id, out _);
        _pending.TryRemove(id, out _);
    }

    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = _pending.ToArray();
        if (batch.Length == 0) return 0;
        var ids = new Guid[batch.Length];
        var times = new DateTimeOffset[batch.Length];
        var addresses = new object[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            ids[i] = batch[i].Key;
            times[i] = batch[i].Value.Minute;
            addresses[i] = (object?)batch[i].Value.Address ?? DBNull.Value;
        }
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            List<object> parameters =
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times },
            ];
            if (table.AddressColumn is not null)
                parameters.Add(new NpgsqlParameter("addresses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = addresses });
            await db.Database.ExecuteSqlRawAsync(_sql, parameters, ct);
        }
        // Only what was written leaves: a use noted during the write (a newer minute) stays for the next flush.
        foreach (var entry in batch) _pending.TryRemove(entry);
        ForgetOld();
        return batch.Length;
    }

    private void ForgetOld()
    {
        var cutoff = clock.GetUtcNow() - forgetAfter;
        foreach (var entry in _seen)
            if (entry.Value.Minute < cutoff && !_pending.ContainsKey(entry.Key)) _seen.TryRemove(entry);
    }

    private static DateTimeOffset Minute(DateTimeOffset now) => new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private readonly record struct LastUse(DateTimeOffset Minute, string? Address);
}
