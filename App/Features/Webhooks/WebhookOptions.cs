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
}
