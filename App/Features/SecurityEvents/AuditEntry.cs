using Boltly.Platform.Http;

namespace Boltly.Features.SecurityEvents;

/// <summary>One entry of the audit log: the action (<see cref="SecurityEventTypes"/>), its actor, the member acted on
/// where there is one, and where the request came from.</summary>
public sealed record AuditEntry(string Action, string Outcome, AuditActor Actor, Guid? AccountId, ClientInfo Client)
{
    /// <summary>The member acted on (invited, changed, removed), when there is one.</summary>
    public Guid? SubjectUserId { get; init; }

    /// <summary>The subject's name when it is not a member yet (an invitation's email).</summary>
    public string? SubjectName { get; init; }

    /// <summary>Non-secret context, such as a key prefix or a role.</summary>
    public string? Detail { get; init; }
}
