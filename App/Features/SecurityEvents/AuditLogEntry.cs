namespace Boltly.Features.SecurityEvents;

/// <summary>One entry of <c>GET /v1/account/audit-log</c> and of the Activity page's CSV.</summary>
public sealed record AuditLogEntry(long Id, string Action, string Outcome, AuditLogActor Actor, AuditLogMember? Member,
    DateTimeOffset OccurredAt, string? ClientAddress, string? Device, string? Detail)
{
    public static AuditLogEntry From(SecurityEvent e) => new(e.Id, e.Type, e.Outcome,
        new AuditLogActor(e.ActorType, e.ActorId, e.ActorName),
        e.SubjectUserId is null && e.SubjectName is null ? null : new AuditLogMember(e.SubjectUserId, e.SubjectName),
        e.OccurredAt, e.ClientAddress, e.UserAgent, e.Detail);
}

/// <summary>Who acted: <c>{"type": "member"|"api_key"|"system", "id", "name"}</c>.</summary>
public sealed record AuditLogActor(string Type, Guid? Id, string? Name);

/// <summary>The member acted on (an invitation's address has no id yet).</summary>
public sealed record AuditLogMember(Guid? Id, string? Name);
