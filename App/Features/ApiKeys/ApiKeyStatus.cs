namespace Boltly.Features.ApiKeys;

public static class ApiKeyStatus
{
    public const string Active = "active";
    /// <summary>Rolled, and the old key still works until its grace ends.</summary>
    public const string Rolling = "rolling";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>The values a key list can be filtered by.</summary>
    public static readonly IReadOnlyList<string> All = [Active, Rolling, Expired, Revoked];

    public static string Of(ApiKey key, DateTimeOffset now) =>
        ApiKeyActivity.IsRetired(key, now) ? Revoked
        : ApiKeyActivity.IsExpired(key, now) ? Expired
        : ApiKeyActivity.IsRolling(key, now) ? Rolling
        : Active;
}
