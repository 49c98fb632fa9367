using System.ComponentModel;

namespace Boltly.Features.ApiKeys;

/// <summary>What the cache holds for a valid key: enough to authenticate, nothing secret.
/// <see cref="Found"/> false is a cached "no such key" (negative entry); a revoked key is not found either,
/// but keeps its id and account (<see cref="IsRevokedKey"/>) so usage counts the refusal to it (docs/usage.md).
/// Immutable by contract (nothing writes to it, <see cref="Scopes"/> included): HybridCache then hands out
/// the cached instance on a memory hit instead of deserializing a copy on every request.</summary>
[ImmutableObject(true)]
public sealed record ApiKeyRecord(bool Found, Guid Id, Guid AccountId, Guid CreatedByUserId, string Name, string Prefix,
    string[] Scopes, DateTimeOffset? ExpiresAt)
{
    public static readonly ApiKeyRecord NotFound = new(false, Guid.Empty, Guid.Empty, Guid.Empty, "", "", [], null);

    /// <summary>A revoked key: refused like an unknown one, but its id and account are known.</summary>
    public static ApiKeyRecord Revoked(Guid id, Guid accountId) => new(false, id, accountId, Guid.Empty, "", "", [], null);

    /// <summary>Not found because it was revoked (not because no such key exists).</summary>
    public bool IsRevokedKey => !Found && Id != Guid.Empty;

    public bool IsExpiredAt(DateTimeOffset now) => ApiKeyActivity.HasExpired(ExpiresAt, now);
}
