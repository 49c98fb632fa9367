using System.Net;
using Boltly.Platform.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Identity's passkey options from ours and <c>Portal:PublicUrl</c> (ADR 0015, ADR 0026). The relying party id is the
/// portal's domain: WebAuthn refuses an IP address, so with an address as the public URL (local development) the
/// request's host is used (one the portal answers for: <c>AllowedHostsMiddleware</c> refused any other), and a browser
/// on <c>http://localhost:PORT</c> works. An origin is accepted only when it is configured: the public URL's,
/// <c>Passkeys:AllowedOrigins</c>, and in Development the public URL's port on <c>localhost</c> and <c>127.0.0.1</c>;
/// never the request's own, never from a cross-origin frame.
/// </summary>
internal sealed class PasskeyRelyingParty(IOptions<PasskeyOptions> passkeys, IOptions<PortalOptions> portal, IHostEnvironment environment)
    : IConfigureOptions<IdentityPasskeyOptions>
{
    public void Configure(IdentityPasskeyOptions options)
    {
        options.ServerDomain = ServerDomain(passkeys.Value.ServerDomain, portal.Value.PublicUrl);
        // The authenticator is given the time the server keeps the challenge (PasskeyCeremonyStore).
        options.AuthenticatorTimeout = passkeys.Value.CeremonyTimeout;
        var allowed = AllowedOrigins(portal.Value.PublicUrl, passkeys.Value.AllowedOrigins, environment.IsDevelopment());
        options.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && allowed.Contains(context.Origin));
    }

    /// <summary>The origins whose WebAuthn answers are accepted.</summary>
    public static IReadOnlySet<string> AllowedOrigins(string publicUrl, IEnumerable<string> configured, bool development)
    {
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Origin(publicUrl) is { } publicOrigin) allowed.Add(publicOrigin);
        foreach (var origin in configured)
            if (Origin(origin) is { } o) allowed.Add(o);
        if (development && Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.IsLoopback)
            foreach (var host in new[] { "localhost", "127.0.0.1" })
                allowed.Add(new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority));
        return allowed;
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
