namespace Boltly.Domain.ApiKeys;

public static class ApiKeyStatus
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    public static string Of(ApiKey key, DateTimeOffset now) =>
        key.RevokedAt is not null ? Revoked : key.ExpiresAt is { } e && e <= now ? Expired : Active;
}
