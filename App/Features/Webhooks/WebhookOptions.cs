using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Admits loopback targets (<c>http://127.0.0.1:&lt;port&gt;</c>) for local receivers. Unset: on in
    /// Development only. Set to true outside Development and Testing, the app refuses to start.</summary>
    public bool? AllowLoopback { get; set; }

    /// <summary>How long a target's DNS lookup may take before the target is refused.</summary>
    [Range(1, 60)] public int ResolveTimeoutSeconds { get; set; } = 5;

    /// <summary>Whether this instance runs the delivery worker (on everywhere; tests turn it on where they deliver).</summary>
    public bool DeliveryWorkerEnabled { get; set; } = true;

    /// <summary>How long a receiver has to answer one delivery.</summary>
    [Range(1, 60)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How often an idle worker looks for new events and due deliveries (docs/decisions/0016-webhook-outbox.md).</summary>
    [Range(50, 60_000)] public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>How long a claim holds: an instance that dies after claiming leaves the delivery to another after this.
    /// Longer than the timeout, so a live attempt is never taken over.</summary>
    [Range(15, 3600)] public int LeaseSeconds { get; set; } = 60;

    /// <summary>How many deliveries one instance sends side by side (and so claims at most at once).</summary>
    [Range(1, 200)] public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>How many events a worker fans out to their subscriptions in one transaction.</summary>
    [Range(1, 1000)] public int FanOutBatchSize { get; set; } = 200;

    /// <summary>After this long of failures since the event, retries end and the subscription is disabled.</summary>
    [Range(1, 720)] public int GiveUpAfterHours { get; set; } = 72;

    /// <summary>How long attempts (and finished deliveries) are kept.</summary>
    [Range(1, 365)] public int AttemptRetentionDays { get; set; } = 30;

    /// <summary>How long the previous signing secret keeps signing after a rotation, when the request names no overlap.</summary>
    [Range(0, 604_800)] public int RotationOverlapDefaultSeconds { get; set; } = 86_400;

    /// <summary>The longest overlap a rotation may ask for (docs/webhooks.md: 7 days).</summary>
    [Range(0, 2_592_000)] public int RotationOverlapMaxSeconds { get; set; } = 604_800;

    /// <summary>How far back "redeliver everything that failed since" may reach: the automatic retry period.</summary>
    [Range(1, 720)] public int RedeliverWindowHours { get; set; } = 72;
}
