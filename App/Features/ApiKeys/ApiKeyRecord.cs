using System.ComponentModel;
using System.Net;
using System.Text.Json.Serialization;

namespace Boltly.Features.ApiKeys;

/// <summary>What the cache holds for a valid key: enough to authenticate, nothing secret.
/// <see cref="Found"/> false is a cached "no such key" (negative entry); a revoked key is not found either,
/// but keeps its id and account (<see cref="IsRevokedKey"/>) so usage counts the refusal to it (docs/usage.md).
/// A rolled key keeps its <see cref="GraceEndsAt"/>, judged against the clock on every request like its expiry; its
/// allowlist is parsed once, when the record is made or read from Redis (<see cref="AllowedNetworks"/>).
/// Immutable by contract (nothing writes to it, <see cref="Scopes"/> included): HybridCache then hands out
/// the cached instance on a memory hit instead of deserializing a copy on every request.</summary>
[ImmutableObject(true)]
public sealed record ApiKeyRecord(bool Found, Guid Id, Guid AccountId, Guid CreatedByUserId, string Name, string Prefix,
    string[] Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset? GraceEndsAt = null, string[]? AllowedIps = null)
{
    public static readonly ApiKeyRecord NotFound = new(false, Guid.Empty, Guid.Empty, Guid.Empty, "", "", [], null);

    /// <summary>A revoked key: refused like an unknown one, but its id and account are known.</summary>
    public static ApiKeyRecord Revoked(Guid id, Guid accountId) => new(false, id, accountId, Guid.Empty, "", "", [], null);

    /// <summary>Not found because it was revoked (not because no such key exists).</summary>
    public bool IsRevokedKey => !Found && Id != Guid.Empty;

    public bool IsExpiredAt(DateTimeOffset now) => ApiKeyActivity.HasExpired(ExpiresAt, now);

    /// <summary>A rolled key whose grace has ended: refused as revoked from that instant on, whatever the cache holds.</summary>
    public bool IsGraceOverAt(DateTimeOffset now) => ApiKeyActivity.HasExpired(GraceEndsAt, now);

    /// <summary>The allowlist as networks, parsed from <see cref="AllowedIps"/> once per record (never serialized).</summary>
    [JsonIgnore]
    public IPNetwork[] AllowedNetworks { get; } = ApiKeyAllowlist.Parse(AllowedIps);
}
