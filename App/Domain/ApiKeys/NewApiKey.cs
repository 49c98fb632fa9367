namespace Boltly.Domain.ApiKeys;

/// <summary>What an owner asks for when creating a key.</summary>
public sealed record NewApiKey(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>A key just created: its stored row and the secret, which exists only in this object.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
