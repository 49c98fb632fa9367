using Boltly.Components.Shared;

namespace Boltly.Features.SecurityEvents;

/// <summary>A security-relevant event shown to the account owner. Never holds a secret.</summary>
public sealed class SecurityEvent : ISecurityEventRow
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? AccountId { get; init; }
    public Guid? UserId { get; init; }
    public required string Type { get; init; }
    public required string Outcome { get; init; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>Non-secret context, such as a key prefix or the email tried.</summary>
    public string? Detail { get; init; }
}
