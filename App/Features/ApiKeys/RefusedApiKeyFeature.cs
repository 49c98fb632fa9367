namespace Boltly.Features.ApiKeys;

/// <summary>A known key refused on this request because it was revoked or has expired (the refusal answers like an
/// unknown key), or because the request came from outside its allowlist (403 IP_NOT_ALLOWED); usage still counts it to
/// that key (docs/usage.md).</summary>
public sealed record RefusedApiKeyFeature(Guid KeyId, Guid AccountId, bool Expired, bool IpNotAllowed = false);
