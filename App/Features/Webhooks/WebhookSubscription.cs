using Boltly.Platform.Data;
namespace Boltly.Features.Webhooks;

/// <summary>An account's webhook subscription. The signing secret is shown once at creation (and at each rotation) and
/// kept encrypted with Data Protection, never returned again.</summary>
public sealed class WebhookSubscription : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Url { get; set; }
    public required string[] Events { get; set; }
    /// <summary><see cref="WebhookSigningSecrets"/> encrypted with Data Protection: the current secret and, during a
    /// rotation's overlap, the previous one.</summary>
    public required string ProtectedSecret { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>False once deliveries failed for the whole retry period (or a person paused it); events are then not sent.</summary>
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? DisabledAt { get; set; }
}
