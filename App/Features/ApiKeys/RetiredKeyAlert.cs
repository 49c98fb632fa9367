namespace Boltly.Features.ApiKeys;

/// <summary>The first request of a day with a retired key (revoked, or its roll's grace over): one row per key per UTC
/// day, its primary key what makes the alert once a day across every instance (<see cref="RetiredKeyAlarm"/>).</summary>
public sealed class RetiredKeyAlert
{
    public Guid ApiKeyId { get; init; }
    public DateOnly Day { get; init; }
    public Guid AccountId { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ClientAddress { get; init; }
}
