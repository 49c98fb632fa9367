using Boltly.Platform.Api;
using Microsoft.Extensions.Primitives;

namespace Boltly.Platform.Http;

/// <summary>
/// The hosts the portal answers for (docs/security-http.md): the host of <c>Portal:PublicUrl</c>, <c>Portal:ExtraHosts</c>,
/// and in Development also <c>localhost</c> and <c>127.0.0.1</c>, so <c>./run.sh</c> works under either name. Matched
/// without the port, case-insensitively; <c>*.example.com</c> matches subdomains.
/// </summary>
public sealed class AllowedHosts
{
    /// <summary>The loopback names a developer's browser uses in Development.</summary>
    public static readonly IReadOnlyList<string> DevelopmentHosts = ["localhost", "127.0.0.1"];

    private readonly List<StringSegment> _patterns;

    public AllowedHosts(PortalOptions portal, bool development)
    {
        var hosts = new List<string>();
        if (Uri.TryCreate(portal.PublicUrl, UriKind.Absolute, out var publicUrl)) hosts.Add(publicUrl.Host);
        hosts.AddRange(portal.ExtraHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()));
        if (development) hosts.AddRange(DevelopmentHosts);
        Hosts = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _patterns = Hosts.Select(h => new StringSegment(h)).ToList();
    }

    /// <summary>Every allowed host (or pattern), for the documentation and the start-up log.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>True when <paramref name="host"/> (a request's <c>Host</c>, port included or not) is one of them.</summary>
    public bool Allows(HostString host) => host.HasValue && HostString.MatchesAny(host.Host, _patterns);
}
