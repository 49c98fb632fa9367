namespace Boltly.Features.ApiKeys.Notices;

/// <summary>The notices a key gets (API.md "API key lifecycle"), as <c>api_key_notices.kind</c> stores them.</summary>
public static class KeyNoticeKinds
{
    public const string Expiring7Days = "expiring_7_days";
    public const string Expiring1Day = "expiring_1_day";
    public const string Expired = "expired";
    public const string IdleRevokeWarning = "idle_revoke_warning";
    public const string IdleRevoked = "idle_revoked";
}
