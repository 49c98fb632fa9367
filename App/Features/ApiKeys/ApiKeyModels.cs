namespace Boltly.Features.ApiKeys;

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string Status, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Who created the key (<c>created_by</c>'s member): their email, and whether they have left the account. In
    /// key lists; webhook payloads carry <c>created_by</c> alone.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public KeyCreator? Creator { get; init; }

    public static ApiKeyResponse From(ApiKey key, DateTimeOffset now) => new(
        key.Id, key.Name, key.Prefix, key.Scopes, ApiKeyStatus.Of(key, now), key.CreatedByUserId,
        key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
}

/// <summary>The create response: the key, plus <c>secret_key</c>, shown this once.</summary>
public sealed record CreatedApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string Status, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    string SecretKey);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);
