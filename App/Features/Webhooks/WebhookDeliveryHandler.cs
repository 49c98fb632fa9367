using Boltly.Platform.Data;
using Boltly.Platform.Outbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// Webhook deliveries on the platform outbox (docs/decisions/0025-one-outbox.md): before each claim new events are fanned
/// out; a claimed delivery is prepared (the secret unprotected, the envelope written) and POSTed; the answer decides:
/// 2xx delivered; 410 Gone stop now (the subscription is disabled); 429/503 with <c>Retry-After</c> not before that time;
/// anything else, a 3xx included (never followed), failed and retried on <see cref="WebhookRetrySchedule"/>. A person's
/// retry or test event (manual) has one attempt. Idle, the loop waits for <see cref="WebhookDeliverySignal"/> or the poll.
/// </summary>
internal sealed class WebhookDeliveryHandler(WebhookDeliveryStore store, WebhookSender sender, WebhookDeliverySignal signal,
    IDbContextFactory<AppDbContext> contexts, IDataProtectionProvider protection, IOptions<WebhookOptions> options)
    : IOutboxHandler<ClaimedDelivery, WebhookAttemptOutcome>
{
    private readonly IDataProtector _secrets = protection.CreateProtector(WebhookService.SecretPurpose);

    public OutboxTable Table { get; } = new()
    {
        Name = "webhook_deliveries", StatusColumn = "state", Pending = WebhookDeliveryState.Pending, Done = WebhookDeliveryState.Delivered,
        GivenUp = WebhookDeliveryState.Failed, ClaimsColumn = "claims", NextAttemptColumn = "next_attempt_at", NextAttemptClearedWhenFinished = true,
        LeaseColumn = "claimed_until", TokenColumn = "claim_token", GiveUpAtSql = "m.retry_until", DoneAtColumn = "delivered_at",
        AttemptsColumn = "attempt_count", LastAttemptAtColumn = "last_attempt_at",
        // A disabled subscription receives nothing but what a person asked for.
        ClaimFilterSql = "EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = m.subscription_id AND (s.enabled OR m.manual))",
    };

    public OutboxSettings Settings { get; } = new(options.Value.DeliveryWorkerEnabled, TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds),
        TimeSpan.FromSeconds(options.Value.LeaseSeconds), options.Value.MaxConcurrentDeliveries, options.Value.MaxConcurrentDeliveries,
        WebhookRetrySchedule.Schedule);

    public Guid IdOf(ClaimedDelivery message) => message.Id;

    public Task<IReadOnlyList<ClaimedDelivery>> LoadAsync(AppDbContext db, IReadOnlyList<Guid> ids, Guid token, CancellationToken ct) =>
        store.LoadAsync(db, ids, token, ct);

    public async Task<WebhookAttemptOutcome> SendAsync(ClaimedDelivery claimed, CancellationToken ct)
    {
        if (!Uri.TryCreate(claimed.Url, UriKind.Absolute, out var url)) return new WebhookAttemptOutcome(null, "Refused: the URL is not valid.", 0, null);
        var body = WebhookEnvelope.Write(claimed.EventId, claimed.EventType, claimed.EventCreatedAt, claimed.AccountId, claimed.Data);
        return await sender.SendAsync(url, _secrets.Unprotect(claimed.ProtectedSecret), WebhookEvent.PublicId(claimed.EventId), claimed.EventType, body, ct);
    }

    // The exception's type only: its message may quote what it failed on.
    public WebhookAttemptOutcome Failure(ClaimedDelivery claimed, Exception error) => new(null, error is OutboxAbandonedException
        ? error.Message
        : $"The delivery could not be prepared or sent ({error.GetType().Name}).", 0, null);

    public OutboxResult Judge(ClaimedDelivery claimed, WebhookAttemptOutcome attempt)
    {
        if (attempt.Delivered) return OutboxResult.Delivered;
        var error = attempt.Error ?? $"HTTP {attempt.StatusCode}";
        if (attempt.Gone || claimed.Manual) return OutboxResult.Stop(error);
        return OutboxResult.Failed(error, attempt.RetryAfter);
    }

    public Task<AppDbContext> OpenAsync(ClaimedDelivery claimed, CancellationToken ct) => contexts.CreateForAccountAsync(claimed.AccountId, ct);

    public Task RecordAsync(AppDbContext db, ClaimedDelivery claimed, WebhookAttemptOutcome attempt, OutboxOutcome outcome, CancellationToken ct) =>
        store.RecordAsync(db, claimed, attempt, outcome, ct);

    public async Task<bool> BeforeClaimAsync(CancellationToken ct) => await store.FanOutAsync(ct) > 0;

    public async Task WaitAsync(TimeSpan idle, CancellationToken ct) => await signal.WaitAsync(idle, ct);

    public ValueTask IdleAsync() => ValueTask.CompletedTask;
}
