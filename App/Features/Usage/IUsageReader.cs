using Boltly.Platform.Pagination;

namespace Boltly.Features.Usage;

/// <summary>Reads usage and request logs for the API and the dashboard alike (docs/usage.md).</summary>
public interface IUsageReader
{
    /// <summary>A key's buckets over [from, to); null when the account has no such key.</summary>
    Task<IReadOnlyList<UsageBucket>?> ForKeyAsync(Guid accountId, Guid keyId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken);

    /// <summary>The account's buckets over [from, to), with a per-key breakdown busiest first.</summary>
    Task<AccountUsage> ForAccountAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken);

    /// <summary>
    /// A key's request log newest first; <paramref name="status"/> is an exact code ("404") or a class
    /// ("2xx", "4xx", "5xx"), null for all. Null when the account has no such key.
    /// </summary>
    Task<Page<RequestLogEntry>?> RequestsAsync(Guid accountId, Guid keyId, string? status, PageRequest page,
        CancellationToken cancellationToken);
}
