using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Api;

/// <summary>Where people and integrators reach this portal. The OpenAPI document's <c>servers</c> names this
/// address, never the host a request happened to come in on (docs/openapi.md).</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>The portal's public base address, e.g. https://portal.example.com (no path beyond /).</summary>
    [Required] public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Host names the portal also answers for besides <see cref="PublicUrl"/>'s (docs/security-http.md), e.g. an
    /// internal name a health probe uses; <c>*.example.com</c> covers subdomains. Another <c>Host</c> is refused.</summary>
    public List<string> ExtraHosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            yield return new ValidationResult("Portal:PublicUrl must be an absolute http or https address without query or fragment.", [nameof(PublicUrl)]);
    }
}
