using Boltly.Components.Shared;

namespace Boltly.Features.SecurityEvents;

/// <summary>A security-relevant event, and an entry of the account's audit log (docs/security-events.md). Never holds a secret.</summary>
public sealed class SecurityEvent : Boltly.Platform.Pagination.ISequencedRow, ISecurityEventRow, Boltly.Platform.Data.IAccountScoped
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? AccountId { get; init; }
    /// <summary>The member whose credentials or session the event concerns (the one signing in, the actor of a change).</summary>
    public Guid? UserId { get; init; }
    public required string Type { get; init; }
    public required string Outcome { get; init; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>Non-secret context, such as a key prefix or the email tried.</summary>
    public string? Detail { get; init; }

    /// <summary><see cref="AuditActor.Type"/>: member, api_key or system.</summary>
    public string ActorType { get; init; } = AuditActor.SystemType;
    public Guid? ActorId { get; init; }
    /// <summary>The actor's name when it acted (a member's email, a key's prefix), kept when the member or key is gone.</summary>
    public string? ActorName { get; init; }
    /// <summary>The member acted on, where there is one.</summary>
    public Guid? SubjectUserId { get; init; }
    public string? SubjectName { get; init; }
}
