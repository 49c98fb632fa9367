using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Boltly.Platform.Batching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Features.Usage;

/// <summary>
/// The request log's way to PostgreSQL: a bounded queue per instance that never blocks a request (when full,
/// the oldest unwritten entry is dropped and counted in <see cref="Dropped"/> and the
/// <c>boltly.usage.request_log.dropped</c> metric), written in batches of one INSERT that also trims each key
/// to its newest <see cref="UsageOptions.RequestLogPerKey"/> entries (docs/usage.md).
/// </summary>
public sealed class RequestLogQueue : IBatchWriter
{
    public const string MeterName = "Boltly.Usage";

    private const string InsertSql = """
        INSERT INTO request_log (id, account_id, api_key_id, at, method, path, status, duration_ms, client_address, user_agent)
        SELECT * FROM unnest(@ids, @accounts, @keys, @ats, @methods, @paths, @statuses, @durations, @addresses, @agents)
        ON CONFLICT (id) DO NOTHING;

        WITH edges AS MATERIALIZED (
            SELECT k.key, (SELECT x.id FROM request_log x WHERE x.api_key_id = k.key ORDER BY x.id DESC OFFSET @cap LIMIT 1) AS edge
            FROM unnest(@batch_keys) AS k(key))
        DELETE FROM request_log AS r
        USING edges AS e
        WHERE e.edge IS NOT NULL AND r.api_key_id = e.key AND r.id <= e.edge;
        """;

    private readonly Channel<PendingRequest> _queue;
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly IOptions<UsageOptions> _options;
    private readonly ILogger<RequestLogQueue> _logger;
    private readonly Counter<long> _droppedMetric;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _dropped;
    private List<PendingRequest>? _failed;

    public RequestLogQueue(IDbContextFactory<AppDbContext> contexts, IOptions<UsageOptions> options, IMeterFactory meters,
        ILogger<RequestLogQueue> logger)
    {
        _contexts = contexts;
        _options = options;
        _logger = logger;
        _droppedMetric = meters.Create(MeterName).CreateCounter<long>("boltly.usage.request_log.dropped", "{request}",
            "Request log entries dropped unwritten because the instance's queue was full.");
        _queue = Channel.CreateBounded<PendingRequest>(
            new BoundedChannelOptions(options.Value.RequestLogQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                _droppedMetric.Add(1);
            });
    }

    /// <summary>Entries dropped unwritten since the start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a request; never waits (a full queue drops its oldest entry).</summary>
    public void Enqueue(in PendingRequest request) => _queue.Writer.TryWrite(request);

    /// <summary>Writes what is queued, a batch per statement pair; returns the number of entries written. A batch whose
    /// write fails is kept and written first by the next flush (its entries' ids make a repeated insert a no-op); the
    /// rest waits in the queue, which stays bounded.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var written = 0;
            while (true)
            {
                var batch = _failed ?? [];
                _failed = null;
                while (batch.Count < _options.Value.RequestLogBatchSize && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
                if (batch.Count == 0) return written;
                try
                {
                    await WriteAsync(batch, ct);
                    written += batch.Count;
                }
                catch (Exception ex)
                {
                    _failed = batch;
                    _logger.LogWarning("Writing {Count} request log entries failed; kept for the next flush: {Error}", batch.Count, ex.GetType().Name);
                    throw;
                }
            }
        }
        finally { _writing.Release(); }
    }

    private async Task WriteAsync(List<PendingRequest> batch, CancellationToken ct)
    {
        var max = _options.Value.RequestLogMaxText;
        object[] Column<T>(Func<PendingRequest, T?> pick) => batch.Select(r => (object?)pick(r) ?? DBNull.Value).ToArray();
        NpgsqlParameter P(string name, NpgsqlDbType type, Array value) => new(name, NpgsqlDbType.Array | type) { Value = value };
        await using var db = await _contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(InsertSql,
        [
            P("ids", NpgsqlDbType.Uuid, batch.Select(r => r.Id).ToArray()),
            P("accounts", NpgsqlDbType.Uuid, batch.Select(r => r.AccountId).ToArray()),
            P("keys", NpgsqlDbType.Uuid, batch.Select(r => r.KeyId).ToArray()),
            P("ats", NpgsqlDbType.TimestampTz, batch.Select(r => r.At).ToArray()),
            P("methods", NpgsqlDbType.Text, batch.Select(r => Storable(r.Method, 16)).ToArray()),
            P("paths", NpgsqlDbType.Text, batch.Select(r => Storable(r.Path, max)).ToArray()),
            P("statuses", NpgsqlDbType.Integer, batch.Select(r => r.Status).ToArray()),
            P("durations", NpgsqlDbType.Integer, batch.Select(r => r.DurationMs).ToArray()),
            P("addresses", NpgsqlDbType.Text, Column(r => r.ClientAddress?.ToString())),
            P("agents", NpgsqlDbType.Text, Column(r => r.UserAgent is { Length: > 0 } ua ? Storable(ua, max) : null)),
            // Each key's newest entry past the cap is found once (materialized), not once per row deleted.
            P("batch_keys", NpgsqlDbType.Uuid, batch.Select(r => r.KeyId).Distinct().ToArray()),
            new NpgsqlParameter("cap", NpgsqlDbType.Integer) { Value = _options.Value.RequestLogPerKey },
        ], ct);
    }

    /// <summary>What PostgreSQL can store (no U+0000), cut to the column's limit.</summary>
    private static string Storable(string text, int max)
    {
        if (text.Contains('\0')) text = text.Replace("\0", "", StringComparison.Ordinal);
        if (text.Length <= max) return text;
        // Never half a surrogate pair: the cut text must still be valid UTF-16.
        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
