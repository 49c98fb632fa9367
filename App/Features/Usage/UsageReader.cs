using Boltly.Features.ApiKeys;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Usage;

/// <summary>
/// Reads the rollups and the request log from PostgreSQL. Buckets come back for the whole range, aligned to the
/// granularity, empty ones as zeros, so a chart needs no gap filling; a logged request older than the log's
/// retention is never shown, whether or not the purge has run yet (docs/usage.md).
/// </summary>
internal sealed class UsageReader(IDbContextFactory<AppDbContext> contexts, Paginator paginator, IOptions<UsageOptions> options,
    TimeProvider clock) : IUsageReader
{
    public const string RequestLogList = "request-log";

    public async Task<IReadOnlyList<UsageBucket>?> ForKeyAsync(Guid accountId, Guid keyId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateForAccountAsync(accountId, cancellationToken);
        if (!await db.ApiKeys.AnyAsync(k => k.Id == keyId, cancellationToken)) return null;
        var (start, end) = Align(from, to, granularity);
        var rows = await db.UsageRollups.AsNoTracking()
            .Where(r => r.ApiKeyId == keyId && r.Granularity == granularity && r.Start >= start && r.Start < end)
            .ToListAsync(cancellationToken);
        return Fill(start, end, granularity, rows.ToDictionary(r => r.Start, ToCounts));
    }

    public async Task<AccountUsage> ForAccountAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateForAccountAsync(accountId, cancellationToken);
        var (start, end) = Align(from, to, granularity);
        var rows = await db.UsageRollups.AsNoTracking()
            .Where(r => r.Granularity == granularity && r.Start >= start && r.Start < end)
            .ToListAsync(cancellationToken);
        var buckets = Fill(start, end, granularity, rows.GroupBy(r => r.Start).ToDictionary(g => g.Key, g => Sum(g)));
        var keyIds = rows.Select(r => r.ApiKeyId).Distinct().ToList();
        var names = await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        var keys = rows.GroupBy(r => r.ApiKeyId)
            .Select(g => new KeyUsageShare(g.Key, names.GetValueOrDefault(g.Key, ""), Sum(g)))
            .OrderByDescending(k => k.Counts.Total).ThenBy(k => k.KeyId)
            .ToList();
        return new AccountUsage(buckets, keys);
    }

    public async Task<Page<RequestLogEntry>?> RequestsAsync(Guid accountId, Guid keyId, string? status, PageRequest page,
        CancellationToken cancellationToken)
    {
        var filter = StatusFilter.Parse(status);
        await using var db = await contexts.CreateForAccountAsync(accountId, cancellationToken);
        if (!await db.ApiKeys.AnyAsync(k => k.Id == keyId, cancellationToken)) return null;
        var since = clock.GetUtcNow().AddDays(-options.Value.RequestLogDays);
        var query = db.RequestLog.AsNoTracking().Where(r => r.ApiKeyId == keyId && r.At >= since);
        // Only the key's newest RequestLogPerKey entries: the trim removes older ones on its own schedule (ADR 0032).
        var edge = await db.RequestLog.Where(r => r.ApiKeyId == keyId).OrderByDescending(r => r.Id)
            .Skip(options.Value.RequestLogPerKey - 1).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (edge is { } oldest) query = query.Where(r => r.Id >= oldest);
        if (filter is { } f) query = query.Where(r => r.Status >= f.Low && r.Status <= f.High);
        // The request log is session-only (read by owners on the dashboard and the API): a session's page size.
        var reader = new Caller(accountId, Guid.Empty, CredentialKind.Cookie, new HashSet<string>(), null);
        return await paginator.PageAsync(query, reader, RequestLogList + ":" + keyId.ToString("N"), page, r => new RequestLogEntry(
            r.Id, r.At, r.Method, r.Path, r.Status, r.DurationMs, r.ClientAddress, r.UserAgent, RequestIds.Format(r.Id)), cancellationToken);
    }

    private (DateTimeOffset Start, DateTimeOffset End) Align(DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity)
    {
        var start = UsageBuckets.Floor(from, granularity);
        var end = UsageBuckets.Ceiling(to, granularity);
        if (end <= start) throw new DomainValidationException("to", "to must be after from.");
        if (UsageBuckets.Count(start, end, granularity) > options.Value.MaxBuckets)
            throw new DomainValidationException("to", $"At most {options.Value.MaxBuckets} buckets per request; choose a coarser granularity or a shorter range.");
        return (start, end);
    }

    private static List<UsageBucket> Fill(DateTimeOffset start, DateTimeOffset end, UsageGranularity granularity,
        Dictionary<DateTimeOffset, UsageCounts> counts)
    {
        var step = UsageBuckets.Length(granularity);
        var buckets = new List<UsageBucket>();
        for (var at = start; at < end; at += step)
            buckets.Add(new UsageBucket(at, counts.GetValueOrDefault(at, UsageCounts.Zero)));
        return buckets;
    }

    private static UsageCounts ToCounts(UsageRollup r) =>
        new(r.Success, r.ClientError, r.ServerError, r.RateLimited, r.InsufficientScope, r.IpNotAllowed, r.Revoked, r.Expired);

    private static UsageCounts Sum(IEnumerable<UsageRollup> rows)
    {
        long s = 0, ce = 0, se = 0, rl = 0, isc = 0, ip = 0, rv = 0, ex = 0;
        foreach (var r in rows)
        {
            s += r.Success; ce += r.ClientError; se += r.ServerError; rl += r.RateLimited;
            isc += r.InsufficientScope; ip += r.IpNotAllowed; rv += r.Revoked; ex += r.Expired;
        }
        return new UsageCounts(s, ce, se, rl, isc, ip, rv, ex);
    }
}
