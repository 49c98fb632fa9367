using System.Net;
using Boltly.Platform.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Identity's passkey options from ours and <c>Portal:PublicUrl</c> (ADR 0015). The relying party id is the portal's
/// domain: WebAuthn refuses an IP address, so with an address as the public URL (local development) the request's
/// host is used, and a browser on <c>http://localhost:PORT</c> works. An origin is accepted when it is the public
/// URL's, a configured one, or the request's own; never from a cross-origin frame.
/// </summary>
internal sealed class PasskeyRelyingParty(IOptions<PasskeyOptions> passkeys, IOptions<PortalOptions> portal)
    : IConfigureOptions<IdentityPasskeyOptions>
{
    public void Configure(IdentityPasskeyOptions options)
    {
        options.ServerDomain = ServerDomain(passkeys.Value.ServerDomain, portal.Value.PublicUrl);
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Origin(portal.Value.PublicUrl) is { } publicOrigin) allowed.Add(publicOrigin);
        foreach (var origin in passkeys.Value.AllowedOrigins)
            if (Origin(origin) is { } o) allowed.Add(o);
        options.ValidateOrigin = context =>
        {
            if (context.CrossOrigin) return ValueTask.FromResult(false);
            var request = context.HttpContext.Request;
            var own = $"{request.Scheme}://{request.Host.Value}";
            return ValueTask.FromResult(allowed.Contains(context.Origin) || string.Equals(context.Origin, own, StringComparison.OrdinalIgnoreCase));
        };
    }

    /// <summary>The configured domain, else the public URL's host when it is a name (not an address), else null.</summary>
    public static string? ServerDomain(string? configured, string? publicUrl)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        return Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns
            && !IPAddress.TryParse(uri.Host, out _) ? uri.Host : null;
    }

    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
