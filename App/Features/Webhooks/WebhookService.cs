using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// An account's webhook subscriptions. Targets must pass <see cref="WebhookTargetPolicy"/> (https, public
/// addresses only; loopback where Webhooks:AllowLoopback is on); the signing secret is shown once and kept encrypted with Data Protection. Every query
/// runs on an account-scoped context: other accounts' subscriptions do not exist here. A secret is rotated with an
/// overlap during which both secrets sign every delivery (<see cref="WebhookSigningSecrets"/>).
/// </summary>
public sealed class WebhookService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, IDataProtectionProvider protection,
    WebhookTargetPolicy targets, ReauthenticationWindow sudo, RoleGate roles, ConfirmedEmail confirmedEmail, SecurityEventRecorder audit,
    IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ListName = "webhooks";
    public const int MaxPerAccount = 20;
    /// <summary>The Data Protection purpose of signing secrets: the delivery worker unprotects them to sign.</summary>
    public const string SecretPurpose = "Boltly.WebhookSecret.v1";
    private readonly IDataProtector _protector = protection.CreateProtector(SecretPurpose);

    public async Task<Page<WebhookSubscription>> ListAsync(Caller caller, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await paginator.PageAsync(db.WebhookSubscriptions.AsNoTracking(), caller, ListName, page, w => w, ct);
    }

    public async Task<CreatedWebhook> CreateAsync(Caller caller, string? url, IReadOnlyList<string>? events, CancellationToken ct = default,
        ClientInfo? client = null)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await sudo.RequireOpenAsync(caller, ct); // docs/sessions.md: a new endpoint would receive the account's data
        await confirmedEmail.RequireAsync(caller, ct);
        // The target is checked (DNS included) before the account is locked: a slow name holds no lock.
        var (uri, eventNames) = await ValidateAsync(url, events, ct);
        var secret = WebhookSigningSecrets.NewSecret();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The account row lock serialises creates for one account across every instance, so the count below
        // cannot be raced: the cap holds under concurrent creates (as ApiKeyService does for the key limit).
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {caller.AccountId} FOR UPDATE", ct);
        if (await db.WebhookSubscriptions.CountAsync(ct) >= MaxPerAccount)
            throw new DomainValidationException("url", $"An account can have at most {MaxPerAccount} webhook subscriptions.");
        var subscription = new WebhookSubscription
        {
            Url = uri.ToString(),
            Events = eventNames,
            ProtectedSecret = _protector.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new AuditEntry(SecurityEventTypes.WebhookCreated, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client ?? ClientInfo.Unknown) { Detail = subscription.Url }, ct);
        return new CreatedWebhook(subscription, secret);
    }

    /// <summary>
    /// Replaces the signing secret; the old one keeps signing (beside the new) for <paramref name="overlapSeconds"/>
    /// (<see cref="WebhookOptions.RotationOverlapDefaultSeconds"/> when null; 0 ends it at once). Null when no such subscription.
    /// </summary>
    public async Task<RotatedWebhookSecret?> RotateSecretAsync(Caller caller, Guid id, int? overlapSeconds, ClientInfo client, CancellationToken ct = default)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await sudo.RequireOpenAsync(caller, ct); // a new secret is a credential for the account's event stream
        var o = options.Value;
        var overlap = overlapSeconds ?? o.RotationOverlapDefaultSeconds;
        if (overlap < 0 || overlap > o.RotationOverlapMaxSeconds)
            throw new DomainValidationException("overlap_seconds",
                $"Give 0 to {o.RotationOverlapMaxSeconds} seconds (default {o.RotationOverlapDefaultSeconds}).");
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The row lock makes two rotations at once follow each other: each starts from the other's secrets.
        var subscription = await db.WebhookSubscriptions
            .FromSql($"SELECT * FROM webhook_subscriptions WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (subscription is null) return null;
        var now = clock.GetUtcNow();
        var next = WebhookSigningSecrets.NewSecret();
        var secrets = WebhookSigningSecrets.Parse(_protector.Unprotect(subscription.ProtectedSecret)).Rotate(next, now, now.AddSeconds(overlap));
        subscription.ProtectedSecret = _protector.Protect(secrets.Serialize());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(SecurityEventTypes.WebhookSecretRotated, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            $"{subscription.Url} (overlap {overlap} s)", ct);
        return new RotatedWebhookSecret(subscription, next, secrets.PreviousUntil);
    }

    /// <summary>False when the caller's account has no such subscription.</summary>
    public async Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default, ClientInfo? client = null)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        // The query filter confines the delete to the caller's account.
        var url = await db.WebhookSubscriptions.Where(w => w.Id == id).Select(w => w.Url).FirstOrDefaultAsync(ct);
        if (url is null || await db.WebhookSubscriptions.Where(w => w.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        await audit.RecordAsync(new AuditEntry(SecurityEventTypes.WebhookDeleted, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client ?? ClientInfo.Unknown) { Detail = url }, CancellationToken.None);
        return true;
    }

    private async Task<(Uri Url, string[] Events)> ValidateAsync(string? url, IReadOnlyList<string>? events, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Uri? uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out uri))
            errors["url"] = ["Give an absolute https:// URL of at most 2048 characters."];
        else if (await targets.RefusalAsync(uri, ct) is { } refusal)
            errors["url"] = [refusal];

        var names = (events ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0) names = [.. WebhookEvents.All];
        else if (names.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown)
            errors["events"] = [$"Unknown event \"{unknown}\". Valid events: {string.Join(", ", WebhookEvents.All)}."];

        if (errors.Count > 0) throw new DomainValidationException(errors);
        return (uri!, names);
    }
}
