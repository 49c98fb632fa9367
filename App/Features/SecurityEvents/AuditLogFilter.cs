namespace Boltly.Features.SecurityEvents;

/// <summary>The audit log's filters: <c>actor</c> is a member's or key's id, or an actor type (member, api_key, system);
/// <c>action</c> one of <see cref="SecurityEventTypes.All"/>; <c>from</c> inclusive, <c>to</c> exclusive.</summary>
public sealed record AuditLogFilter(string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To);
