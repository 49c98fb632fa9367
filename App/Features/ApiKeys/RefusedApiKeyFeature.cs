namespace Boltly.Features.ApiKeys;

/// <summary>A known key refused on this request because it was revoked or has expired: the refusal answers
/// like an unknown key, and usage still counts it to that key (docs/usage.md).</summary>
public sealed record RefusedApiKeyFeature(Guid KeyId, Guid AccountId, bool Expired);
