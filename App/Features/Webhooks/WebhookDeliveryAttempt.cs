using Boltly.Platform.Data;

namespace Boltly.Features.Webhooks;

/// <summary>One POST of a delivery: kept 30 days (<see cref="WebhookAttemptPurge"/>).</summary>
public sealed class WebhookDeliveryAttempt
{
    public const int ErrorLength = 500;

    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid DeliveryId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    /// <summary>Why no response was had (timeout, refused target, connection error); null with a status code.</summary>
    public string? Error { get; init; }
    public int DurationMs { get; init; }
    /// <summary>The first 1 KiB of the response body, as text.</summary>
    public string? ResponseBody { get; init; }
}
