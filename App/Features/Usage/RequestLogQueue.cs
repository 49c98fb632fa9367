using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Boltly.Platform.Api;
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
/// <c>boltly.usage.request_log.dropped</c> metric), written in batches: one binary COPY of the entries and one statement
/// marking their keys for <see cref="RequestLogTrim"/>, which keeps each key to its newest
/// <see cref="UsageOptions.RequestLogPerKey"/> entries on its own schedule rather than per batch (ADR 0032, docs/usage.md).
/// </summary>
public sealed class RequestLogQueue : IBatchWriter
{
    public const string MeterName = "Boltly.Usage";

    private const string Columns = "id, account_id, api_key_id, at, method, path, status, duration_ms, client_address, user_agent";
    private const string CopySql = $"COPY request_log ({Columns}) FROM STDIN (FORMAT BINARY)";

    // A batch written again after a failure: a repeated entry is a no-op (its COPY may have been applied).
    private const string InsertSql = $"""
        INSERT INTO request_log ({Columns})
        SELECT * FROM unnest(@ids, @accounts, @keys, @ats, @methods, @paths, @statuses, @durations, @addresses, @agents)
        ON CONFLICT (id) DO NOTHING
        """;

    // The keys this batch logged, for the trim (RequestLogTrim): after the entries, so a trim never misses them.
    private const string MarkSql = """
        INSERT INTO request_log_trim_queue (api_key_id) SELECT DISTINCT k FROM unnest(@batch_keys) AS k
        ON CONFLICT (api_key_id) DO NOTHING
        """;

    private readonly Channel<PendingRequest> _queue;
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly IOptions<UsageOptions> _options;
    private readonly ILogger<RequestLogQueue> _logger;
    private readonly Counter<long> _droppedMetric;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly bool _off;
    private long _dropped;
    private List<PendingRequest>? _failed;

    public RequestLogQueue(IDbContextFactory<AppDbContext> contexts, IOptions<UsageOptions> options, IMeterFactory meters,
        ILogger<RequestLogQueue> logger, BenchMeasurements? bench = null)
    {
        _off = bench?.WithoutRequestLog == true;
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
    public void Enqueue(in PendingRequest request)
    {
        if (!_off) _queue.Writer.TryWrite(request);
    }

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
                var retried = _failed is not null;
                var batch = _failed ?? [];
                _failed = null;
                while (batch.Count < _options.Value.RequestLogBatchSize && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
                if (batch.Count == 0) return written;
                try
                {
                    await WriteAsync(batch, retried, ct);
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

    private async Task WriteAsync(List<PendingRequest> batch, bool retried, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        if (retried) await InsertAsync(db, batch, ct);
        else
        {
            await db.Database.OpenConnectionAsync(ct);
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), batch, ct);
        }
        await db.Database.ExecuteSqlRawAsync(MarkSql,
            [new NpgsqlParameter("batch_keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = batch.Select(r => r.KeyId).Distinct().ToArray() }], ct);
    }

    /// <summary>The batch in PostgreSQL's binary COPY format: no statement to parse or plan, no arrays to unpack.</summary>
    private async Task CopyAsync(NpgsqlConnection connection, List<PendingRequest> batch, CancellationToken ct)
    {
        var max = _options.Value.RequestLogMaxText;
        await using var copy = await connection.BeginBinaryImportAsync(CopySql, ct);
        foreach (var r in batch)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.AccountId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.KeyId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(Storable(r.Method, 16), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Storable(r.Path, max), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.Status, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.DurationMs, NpgsqlDbType.Integer, ct);
            if (r.ClientAddress is { } address) await copy.WriteAsync(address.ToString(), NpgsqlDbType.Text, ct);
            else await copy.WriteNullAsync(ct);
            if (r.UserAgent is { Length: > 0 } agent) await copy.WriteAsync(Storable(agent, max), NpgsqlDbType.Text, ct);
            else await copy.WriteNullAsync(ct);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task InsertAsync(AppDbContext db, List<PendingRequest> batch, CancellationToken ct)
    {
        var max = _options.Value.RequestLogMaxText;
        object[] Column<T>(Func<PendingRequest, T?> pick) => batch.Select(r => (object?)pick(r) ?? DBNull.Value).ToArray();
        NpgsqlParameter P(string name, NpgsqlDbType type, Array value) => new(name, NpgsqlDbType.Array | type) { Value = value };
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
