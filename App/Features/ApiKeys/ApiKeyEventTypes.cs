using Boltly.Features.Webhooks;
using Boltly.Platform.Auth;
using Boltly.Platform.Events;

namespace Boltly.Features.ApiKeys;

/// <summary>The webhook events about API keys, with their data type (the key as listed, never its secret) and a sample.</summary>
internal static class ApiKeyEventTypes
{
    public static void Register(IServiceCollection services)
    {
        var t = EventTypeCatalog.SampleTime;
        var key = new ApiKeyResponse(Guid.Parse("019ae5c1-1b66-7f7a-8c8d-9e0f1a2b3c07"), "CRM sync", "sk_live_3f9a", [ScopeCatalog.ContactsRead],
            ApiKeyStatus.Active, Guid.Parse("019ae5c1-1c77-7a8b-9d9e-0f1a2b3c4d08"), t.AddDays(-30), t.AddDays(60), t.AddMinutes(-5), null);
        services.AddEventType(WebhookEvents.ApiKeyCreated, "An API key was created (dashboard or API). `data` is the key as listed, never its secret.", key);
        services.AddEventType(WebhookEvents.ApiKeyRevoked, "An API key was revoked. `data` is the key as listed.",
            key with { Status = ApiKeyStatus.Revoked, RevokedAt = t });
        services.AddEventType(WebhookEvents.ApiKeyRolled, "An API key was rolled: replaced by a new one, and working on until its grace " +
            "ends. `data` is the old key as listed: status `rolling`, `grace_ends_at`, and its successor's id in `replaced_by`.",
            key with { Status = ApiKeyStatus.Rolling, GraceEndsAt = t.AddDays(1), ReplacedBy = Guid.Parse("019ae5c1-1d88-7b9c-8eaf-1a2b3c4d5e09") });
        services.AddEventType(WebhookEvents.ApiKeyExpiring, "An API key expires soon: sent 7 days and 1 day before its `expires_at`, once each. " +
            "`data` is the key as listed.", key with { ExpiresAt = t.AddDays(7) });
        services.AddEventType(WebhookEvents.ApiKeyExpired, "An API key reached its `expires_at`; sent once. `data` is the key as listed.",
            key with { Status = ApiKeyStatus.Expired, ExpiresAt = t.AddMinutes(-1) });
        services.AddEventType(WebhookEvents.ApiKeyLeaked, "An API key was reported as found in public (GitHub secret scanning or the open " +
            "report) and revoked at once; `api_key.revoked` is sent too. `data` is the key as listed.",
            key with { Status = ApiKeyStatus.Revoked, RevokedAt = t });
        services.AddEventType(WebhookEvents.ApiKeyIdleRevoking, "An API key unused for a while is revoked in 7 days under the account's key " +
            "policy (`idle_revoke_days`), unless it is used before then; sent once. `data` is the key as listed.", key);
        services.AddEventType(WebhookEvents.ApiKeyIdleRevoked, "An API key was revoked because it went unused for the account's " +
            "`idle_revoke_days`; `api_key.revoked` is sent too. `data` is the key as listed.", key with { Status = ApiKeyStatus.Revoked, RevokedAt = t });
    }
}
