namespace Boltly.Features.Usage;

/// <summary>How finely usage is bucketed: per minute (kept 48 h), hour (30 days) or day (1 year) (docs/usage.md).</summary>
public enum UsageGranularity
{
    /// <summary>One bucket per minute.</summary>
    Minute,
    /// <summary>One bucket per hour.</summary>
    Hour,
    /// <summary>One bucket per day (UTC).</summary>
    Day,
}

/// <summary>Requests made with a key, by outcome (docs/usage.md).</summary>
public sealed record UsageCounts(
    long Success, long ClientError, long ServerError, long RateLimited,
    long InsufficientScope, long IpNotAllowed, long Revoked, long Expired)
{
    /// <summary>No requests.</summary>
    public static UsageCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Every request, whatever its outcome.</summary>
    public long Total => Success + ClientError + ServerError + RateLimited + InsufficientScope + IpNotAllowed + Revoked + Expired;
}

/// <summary>The counts of one bucket, starting at <paramref name="Start"/> (UTC).</summary>
public sealed record UsageBucket(DateTimeOffset Start, UsageCounts Counts);

/// <summary>One key's share of an account's usage over a range.</summary>
public sealed record KeyUsageShare(Guid KeyId, string Name, UsageCounts Counts);

/// <summary>An account's usage over a range: its buckets, and its keys busiest first.</summary>
public sealed record AccountUsage(IReadOnlyList<UsageBucket> Buckets, IReadOnlyList<KeyUsageShare> Keys);

/// <summary>One logged request made with a key: no query string, no bodies, no headers, no secrets.</summary>
public sealed record RequestLogEntry(
    Guid Id, DateTimeOffset At, string Method, string Path, int Status, int DurationMs,
    string? ClientAddress, string? UserAgent, string RequestId) : Boltly.Platform.Pagination.IKeysetRow;
