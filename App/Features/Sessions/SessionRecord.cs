using System.ComponentModel;

namespace Boltly.Features.Sessions;

/// <summary>What the cache holds for a session: enough to accept or refuse a request and to judge the sudo window.
/// <see cref="Found"/> false is a cached "no such session". Immutable, so a memory hit hands out the cached instance.</summary>
[ImmutableObject(true)]
public sealed record SessionRecord(bool Found, Guid Id, Guid UserId, SessionKind Kind, DateTimeOffset LastSeenAt,
    DateTimeOffset AuthenticatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt)
{
    public static readonly SessionRecord NotFound = new(false, Guid.Empty, Guid.Empty, SessionKind.Browser, default, default, default, null);
}
