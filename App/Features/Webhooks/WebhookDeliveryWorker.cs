using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// Runs on every instance: fans new events out, claims due deliveries, sends them side by side and records each
/// attempt. Idle, it polls every <see cref="WebhookOptions.PollIntervalMilliseconds"/> or wakes on
/// <see cref="WebhookDeliverySignal"/> (docs/decisions/0016-webhook-outbox.md says why a poll and not LISTEN/NOTIFY).
/// </summary>
internal sealed partial class WebhookDeliveryWorker(WebhookDeliveryStore store, WebhookSender sender, WebhookDeliverySignal signal,
    IDataProtectionProvider protection, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryWorker> logger)
    : BackgroundService
{
    private readonly IDataProtector _secrets = protection.CreateProtector(WebhookService.SecretPurpose);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryWorkerEnabled) return;
        var idle = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        // Each delivery runs on its own: a slow receiver (up to the timeout) holds one slot, never the others.
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentDeliveries);
        var running = new System.Collections.Concurrent.ConcurrentDictionary<Guid, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fannedOut = await store.FanOutAsync(stoppingToken);
                var free = slots.CurrentCount;
                var claimed = free == 0 ? [] : await store.ClaimAsync(free, stoppingToken);
                foreach (var delivery in claimed)
                {
                    await slots.WaitAsync(stoppingToken);
                    running[delivery.Id] = Task.Run(async () =>
                    {
                        try { await DeliverAsync(delivery, stoppingToken); }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { /* the lease returns it */ }
                        catch (Exception ex) { LogWorkerFailed(logger, ex); }
                        finally
                        {
                            slots.Release();
                            running.TryRemove(delivery.Id, out _);
                        }
                    }, CancellationToken.None);
                }
                if (fannedOut > 0 || (claimed.Count > 0 && claimed.Count == free)) continue;   // more may be waiting
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be down for a moment: try again at the next poll, never stop delivering.
                LogWorkerFailed(logger, ex);
            }
            try { await signal.WaitAsync(idle, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(running.Values);
    }

    private async Task DeliverAsync(ClaimedDelivery claimed, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        WebhookAttemptOutcome outcome;
        if (!Uri.TryCreate(claimed.Url, UriKind.Absolute, out var url))
            outcome = new WebhookAttemptOutcome(null, "Refused: the URL is not valid.", 0, null);
        else
        {
            var body = WebhookEnvelope.Write(claimed.EventId, claimed.EventType, claimed.EventCreatedAt, claimed.AccountId, claimed.Data);
            outcome = await sender.SendAsync(url, _secrets.Unprotect(claimed.ProtectedSecret), WebhookEvent.PublicId(claimed.EventId),
                claimed.EventType, body, ct);
        }
        await store.RecordAsync(claimed, attemptedAt, outcome, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery worker failed; retrying at the next poll")]
    private static partial void LogWorkerFailed(ILogger logger, Exception ex);
}
