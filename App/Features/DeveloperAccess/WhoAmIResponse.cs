namespace Boltly.Features.DeveloperAccess;

public sealed record WhoAmIResponse(
    Guid AccountId,
    Guid? UserId,
    string? Email,
    string Credential,
    IReadOnlyList<string> Scopes,
    WhoAmIKey? ApiKey,
    WhoAmIRateLimit? RateLimit,
    DateTimeOffset? ReauthenticatedUntil);

public sealed record WhoAmIKey(Guid Id, string Name, string Prefix, DateTimeOffset? ExpiresAt);

public sealed record WhoAmIRateLimit(int Limit, int Remaining, int ResetSeconds, bool Shared);
