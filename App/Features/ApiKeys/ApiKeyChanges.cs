namespace Boltly.Features.ApiKeys;

/// <summary>An edit of a key: a new name and a new allowlist; null leaves that setting as it is.</summary>
public sealed record ApiKeyChanges(string? Name, IReadOnlyList<string?>? AllowedIps);
