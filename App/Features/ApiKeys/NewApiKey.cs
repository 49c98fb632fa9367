namespace Boltly.Features.ApiKeys;

/// <summary>What an owner asks for when creating a key.</summary>
public sealed record NewApiKey(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt, IReadOnlyList<string?>? AllowedIps = null);
