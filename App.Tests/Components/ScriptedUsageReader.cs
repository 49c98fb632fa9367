using Boltly.Platform.Pagination;

namespace Boltly.Tests.Components;

/// <summary>
/// An <see cref="IUsageReader"/> for bunit: answers what the test scripted and records what the page asked for, so a
/// page's rendering is tested apart from counting (the real reader has its own API tests).
/// </summary>
public sealed class ScriptedUsageReader : IUsageReader
{
    /// <summary>The account's usage for a window starting at the given instant.</summary>
    public Func<DateTimeOffset, UsageGranularity, AccountUsage> Account { get; set; } = (_, _) => new AccountUsage([], []);

    /// <summary>A key's buckets for a window starting at the given instant.</summary>
    public Func<DateTimeOffset, UsageGranularity, IReadOnlyList<UsageBucket>> Key { get; set; } = (_, _) => [];

    /// <summary>A key's logged requests, newest first, before the status filter.</summary>
    public List<RequestLogEntry> Requests { get; } = [];

    /// <summary>Every call: (what, from, to, granularity or status).</summary>
    public List<(string What, DateTimeOffset? From, DateTimeOffset? To, string? Detail)> Calls { get; } = [];

    public Task<IReadOnlyList<UsageBucket>?> ForKeyAsync(Guid accountId, Guid keyId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken)
    {
        Record(("key", from, to, granularity.ToString()));
        return Task.FromResult<IReadOnlyList<UsageBucket>?>(Key(from, granularity));
    }

    public Task<AccountUsage> ForAccountAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken)
    {
        Record(("account", from, to, granularity.ToString()));
        return Task.FromResult(Account(from, granularity));
    }

    public Task<Page<RequestLogEntry>?> RequestsAsync(Guid accountId, Guid keyId, string? status, PageRequest page,
        CancellationToken cancellationToken)
    {
        Record(("requests", null, null, status));
        var matching = Requests.Where(r => status is null || $"{r.Status / 100}xx" == status || r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) == status);
        var skip = page.Cursor is null ? 0 : int.Parse(page.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var limit = page.Limit ?? 25;
        var rows = matching.Skip(skip).Take(limit + 1).ToList();
        var more = rows.Count > limit;
        return Task.FromResult<Page<RequestLogEntry>?>(new Page<RequestLogEntry>(rows.Take(limit).ToList(), more,
            more ? (skip + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    private void Record((string, DateTimeOffset?, DateTimeOffset?, string?) call)
    {
        lock (Calls) Calls.Add(call);
    }

    /// <summary>Counts with only the outcomes named.</summary>
    public static UsageCounts Counts(long success = 0, long clientError = 0, long serverError = 0, long rateLimited = 0,
        long insufficientScope = 0, long revoked = 0) =>
        new(success, clientError, serverError, rateLimited, insufficientScope, 0, revoked, 0);
}
