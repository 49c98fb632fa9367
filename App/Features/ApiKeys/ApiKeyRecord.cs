using System.ComponentModel;

namespace Boltly.Features.ApiKeys;

/// <summary>What the cache holds for a valid key: enough to authenticate, nothing secret.
/// <see cref="Found"/> false is a cached "no such key" (negative entry).
/// Immutable by contract (nothing writes to it, <see cref="Scopes"/> included): HybridCache then hands out
/// the cached instance on a memory hit instead of deserializing a copy on every request.</summary>
[ImmutableObject(true)]
public sealed record ApiKeyRecord(bool Found, Guid Id, Guid AccountId, Guid CreatedByUserId, string Name, string Prefix,
    string[] Scopes, DateTimeOffset? ExpiresAt)
{
    public static readonly ApiKeyRecord NotFound = new(false, Guid.Empty, Guid.Empty, Guid.Empty, "", "", [], null);

    public bool IsExpiredAt(DateTimeOffset now) => ApiKeyActivity.HasExpired(ExpiresAt, now);
}
