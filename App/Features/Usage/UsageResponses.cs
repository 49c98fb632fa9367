namespace Boltly.Features.Usage;

/// <summary>One bucket: its start (UTC) and the requests in it by outcome.</summary>
public sealed record UsageBucketResponse(DateTimeOffset Start, long Success, long ClientError, long ServerError, long RateLimited,
    long InsufficientScope, long IpNotAllowed, long Revoked, long Expired)
{
    public static UsageBucketResponse From(UsageBucket b) => new(b.Start, b.Counts.Success, b.Counts.ClientError, b.Counts.ServerError,
        b.Counts.RateLimited, b.Counts.InsufficientScope, b.Counts.IpNotAllowed, b.Counts.Revoked, b.Counts.Expired);
}

/// <summary>One key's requests over the whole range, by outcome.</summary>
public sealed record KeyUsageResponse(Guid ApiKeyId, string Name, long Total, long Success, long ClientError, long ServerError,
    long RateLimited, long InsufficientScope, long IpNotAllowed, long Revoked, long Expired)
{
    public static KeyUsageResponse From(KeyUsageShare k) => new(k.KeyId, k.Name, k.Counts.Total, k.Counts.Success, k.Counts.ClientError,
        k.Counts.ServerError, k.Counts.RateLimited, k.Counts.InsufficientScope, k.Counts.IpNotAllowed, k.Counts.Revoked, k.Counts.Expired);
}

/// <summary>A key's usage: every bucket of [from, to), aligned to the granularity, empty ones as zeros.</summary>
public sealed record KeyUsageSeriesResponse(string Granularity, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageBucketResponse> Data);

/// <summary>The account's usage: its buckets, and in <c>keys</c> each key that made requests in the range, busiest first.</summary>
public sealed record AccountUsageResponse(string Granularity, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageBucketResponse> Data,
    IReadOnlyList<KeyUsageResponse> Keys);

/// <summary>One logged request: no query string, no bodies, no headers, no secrets.</summary>
public sealed record RequestLogEntryResponse(string RequestId, DateTimeOffset Time, string Method, string Path, int Status, int DurationMs,
    string? ClientAddress, string? UserAgent)
{
    public static RequestLogEntryResponse From(RequestLogEntry e) =>
        new(e.RequestId, e.At, e.Method, e.Path, e.Status, e.DurationMs, e.ClientAddress, e.UserAgent);
}
