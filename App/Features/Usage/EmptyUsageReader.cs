using Boltly.Platform.Pagination;

namespace Boltly.Features.Usage;

/// <summary>Placeholder until usage counting lands: no requests recorded. Replaced by the PostgreSQL reader.</summary>
internal sealed class EmptyUsageReader : IUsageReader
{
    public Task<IReadOnlyList<UsageBucket>?> ForKeyAsync(Guid accountId, Guid keyId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<UsageBucket>?>([]);

    public Task<AccountUsage> ForAccountAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to,
        UsageGranularity granularity, CancellationToken cancellationToken) => Task.FromResult(new AccountUsage([], []));

    public Task<Page<RequestLogEntry>?> RequestsAsync(Guid accountId, Guid keyId, string? status, PageRequest page,
        CancellationToken cancellationToken) => Task.FromResult<Page<RequestLogEntry>?>(new Page<RequestLogEntry>([], false, null));
}
