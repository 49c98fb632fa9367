namespace Boltly.Features.Usage;

/// <summary>
/// One key's requests by outcome in one bucket (a minute, an hour or a day, UTC). Written only by
/// <see cref="UsageRollupWriter"/> from the Redis totals, as absolute values: writing the same totals
/// twice changes nothing (ADR 0019).
/// </summary>
public sealed class UsageRollup : Boltly.Platform.Data.IAccountScoped
{
    public Guid ApiKeyId { get; set; }
    public UsageGranularity Granularity { get; set; }
    public DateTimeOffset Start { get; set; }
    public Guid AccountId { get; set; }
    public long Success { get; set; }
    public long ClientError { get; set; }
    public long ServerError { get; set; }
    public long RateLimited { get; set; }
    public long InsufficientScope { get; set; }
    public long IpNotAllowed { get; set; }
    public long Revoked { get; set; }
    public long Expired { get; set; }
}
