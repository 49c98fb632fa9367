namespace Boltly.Features.ApiKeys;

public static class ApiKeyStatus
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>The values a key list can be filtered by.</summary>
    public static readonly IReadOnlyList<string> All = [Active, Expired, Revoked];

    public static string Of(ApiKey key, DateTimeOffset now) =>
        ApiKeyActivity.IsRevoked(key) ? Revoked : ApiKeyActivity.IsExpired(key, now) ? Expired : Active;
}
