using Boltly.Platform.Data;
using Boltly.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Features.Usage;

/// <summary>
/// Trims each key's request log back to its newest <see cref="UsageOptions.RequestLogPerKey"/> entries, every
/// <see cref="UsageOptions.RequestLogTrimSeconds"/>, for the keys logged since the last run (the trim queue the log's
/// batches mark), on one instance at a time (docs/scheduled-work.md). Between runs a key may hold more rows than the
/// cap; the reader shows only the newest <see cref="UsageOptions.RequestLogPerKey"/> (ADR 0032).
/// </summary>
public sealed class RequestLogTrim(IOptions<UsageOptions> options) : IScheduledJob
{
    // The queue is taken and emptied in the same statement: a key marked by a batch written meanwhile stays for the next run.
    private const string TrimSql = """
        WITH marked AS (DELETE FROM request_log_trim_queue WHERE @keys IS NULL OR api_key_id = ANY(@keys) RETURNING api_key_id),
        edges AS MATERIALIZED (
            SELECT m.api_key_id AS key,
                   (SELECT x.id FROM request_log x WHERE x.api_key_id = m.api_key_id ORDER BY x.id DESC OFFSET @cap LIMIT 1) AS edge
            FROM marked m)
        DELETE FROM request_log AS r
        USING edges AS e
        WHERE e.edge IS NOT NULL AND r.api_key_id = e.key AND r.id <= e.edge;
        """;

    public string Name => "request-log-trim";

    public TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RequestLogTrimSeconds);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var trimmed = await TrimAsync(services.GetRequiredService<AppDbContext>(), cancellationToken);
        if (trimmed > 0) services.GetRequiredService<ILogger<RequestLogTrim>>().LogDebug("Trimmed {Count} request log entries past the per-key cap", trimmed);
    }

    /// <summary>Trims every marked key, or only those of <paramref name="keys"/> (tests on a shared database); returns the
    /// number of entries deleted.</summary>
    public Task<int> TrimAsync(AppDbContext db, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? keys = null) =>
        db.Database.ExecuteSqlRawAsync(TrimSql,
        [
            new NpgsqlParameter("cap", options.Value.RequestLogPerKey),
            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (object?)keys?.ToArray() ?? DBNull.Value },
        ], cancellationToken);
}
