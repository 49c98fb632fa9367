namespace Boltly.Features.ApiKeys;

/// <summary>A key as listed: never its secret. <c>revoked_at</c> is also the end of a finished roll's grace;
/// <c>grace_ends_at</c> and <c>replaced_by</c> are set once the key was rolled.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string Status, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    IReadOnlyList<string>? AllowedIps = null, DateTimeOffset? GraceEndsAt = null, Guid? ReplacedBy = null)
{
    /// <summary>Who created the key (<c>created_by</c>'s member): their email, and whether they have left the account. In
    /// key lists; webhook payloads carry <c>created_by</c> alone.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public KeyCreator? Creator { get; init; }

    public static ApiKeyResponse From(ApiKey key, DateTimeOffset now) => new(
        key.Id, key.Name, key.Prefix, key.Scopes, ApiKeyStatus.Of(key, now), key.CreatedByUserId,
        key.CreatedAt, key.ExpiresAt, key.LastUsedAt,
        key.RevokedAt ?? (ApiKeyActivity.IsRetired(key, now) ? key.GraceEndsAt : null),
        key.AllowedIps, key.GraceEndsAt, key.ReplacedById);
}

/// <summary>The create and roll response: the key, plus <c>secret_key</c>, shown this once.</summary>
public sealed record CreatedApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string Status, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    string SecretKey, IReadOnlyList<string>? AllowedIps = null)
{
    public static CreatedApiKeyResponse From(CreatedApiKey created, DateTimeOffset now)
    {
        var k = ApiKeyResponse.From(created.Key, now);
        return new(k.Id, k.Name, k.Prefix, k.Scopes, k.Status, k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt,
            created.Secret, k.AllowedIps);
    }
}

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt,
    IReadOnlyList<string?>? AllowedIps = null);

/// <summary>A roll: the old key's grace (0–604800 seconds, default 86400) and the new key's expiry (the old one's unless given).</summary>
public sealed record RollApiKeyRequest(int? GraceSeconds, DateTimeOffset? ExpiresAt);

/// <summary>An edit: a new name, a new allowlist (empty: any address); an absent field stays as it is.</summary>
public sealed record UpdateApiKeyRequest(string? Name, IReadOnlyList<string?>? AllowedIps);
