using Boltly.Platform.Data;

namespace Boltly.Features.Webhooks;

/// <summary>
/// One event in the outbox, written in the transaction of the change that caused it. Not <see cref="IAccountOwned"/>:
/// services that work across accounts (key management) emit too, and the delivery worker reads every account's rows;
/// the account is carried explicitly. <see cref="FannedOut"/> turns true once its deliveries exist.
/// </summary>
public sealed class WebhookEvent
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; init; }
    public required string Type { get; init; }
    /// <summary>The event's <c>data</c> as JSON (jsonb).</summary>
    public required string Data { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool FannedOut { get; set; }

    /// <summary>The public id: <c>evt_</c> and the row id.</summary>
    public static string PublicId(Guid id) => "evt_" + id.ToString("N");
}
