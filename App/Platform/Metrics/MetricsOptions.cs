using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Metrics;

/// <summary>
/// The Prometheus scrape endpoint <c>/metrics</c> (docs/metrics.md): off unless <see cref="Enabled"/>, and then served
/// on its own port, never the app's, bound to loopback unless <see cref="Host"/> says otherwise.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c>. Off by default: operators' numbers are not for the public.</summary>
    public bool Enabled { get; set; }

    /// <summary>The port <c>/metrics</c> listens on (9464 is Prometheus's registered port for OpenTelemetry).</summary>
    [Range(1, 65535)] public int Port { get; set; } = 9464;

    /// <summary>The address to listen on: loopback by default, so only this machine (or a sidecar) can scrape.
    /// <c>+</c> listens on every interface; only behind a firewall that keeps the port private.</summary>
    [Required] public string Host { get; set; } = "127.0.0.1";

    /// <summary>The scrape path.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9/_-]*$")] public string Path { get; set; } = "/metrics";
}
