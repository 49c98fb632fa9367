using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";
    [Range(1024, 100 * 1024 * 1024)] public long MaxBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Outside Development, a plain-HTTP /v1 request is refused (a redirect would leak the key).
    /// Switch off only where TLS is terminated by something the app cannot see (and list it as a known proxy instead when possible).</summary>
    public bool RequireHttps { get; set; } = true;
}
