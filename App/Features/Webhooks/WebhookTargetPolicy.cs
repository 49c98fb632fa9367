using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// Where a webhook may be delivered: an https URL whose host is, or resolves only to, public addresses
/// (docs/security-http.md). Loopback, private (RFC 1918), CGNAT, link-local (the 169.254.169.254 metadata
/// service), unique-local, multicast, reserved and documentation ranges are refused, and so are cloud
/// metadata names, in every spelling an address has (2130706433, 0177.0.0.1, 0x7f.1, 127.1, [::ffff:127.0.0.1]):
/// the host is parsed as the operating system parses it. Checked at creation and again before every
/// delivery, since a name can resolve elsewhere later.
/// </summary>
public sealed class WebhookTargetPolicy(IWebhookHostResolver resolver, IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    // Names that reach a cloud provider's instance metadata without resolving through public DNS.
    private static readonly string[] MetadataNames =
        ["metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data", "instance-data.ec2.internal"];

    public bool AllowsLoopback => options.Value.AllowLoopback ?? environment.IsDevelopment();

    /// <summary>Null when <paramref name="url"/> may receive webhooks, else why not (for the <c>url</c> field).</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct = default)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) return "Webhook URLs must use https://.";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "Webhook URLs cannot carry credentials.";
        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (MetadataNames.Contains(host) || host.EndsWith(".internal", StringComparison.Ordinal) || host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
            return AllowsLoopback && IsLocalhostName(host) ? SchemeRefusal(url, loopback: true) : $"The host {host} is internal: webhooks go to public addresses only.";

        IPAddress[] addresses;
        if (ParseAddress(url) is { } literal) addresses = [literal];
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ResolveTimeoutSeconds));
                addresses = await resolver.ResolveAsync(host, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ArgumentException && !ct.IsCancellationRequested)
            {
                return $"The host {host} does not resolve: webhooks go to a name that resolves to public addresses.";
            }
        }

        if (AddressRefusal(host, addresses) is { } refusal) return refusal;
        return SchemeRefusal(url, loopback: AllowsLoopback && addresses.All(IPAddress.IsLoopback));
    }

    /// <summary>Null when a connection to <paramref name="host"/> at <paramref name="addresses"/> may be made, else why
    /// not. The delivery's connection applies this to the addresses it is about to connect to, so a name that
    /// resolves elsewhere between the check and the connection (DNS rebinding) is still refused.</summary>
    public string? AddressRefusal(string host, IReadOnlyCollection<IPAddress> addresses)
    {
        if (addresses.Count == 0) return $"The host {host} does not resolve: webhooks go to a name that resolves to public addresses.";
        if (AllowsLoopback && addresses.All(IPAddress.IsLoopback)) return null;
        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner
            ? $"The host {host} resolves to {inner}, which is not a public address: webhooks go to public addresses only."
            : null;
    }

    private static bool IsLocalhostName(string host) => host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);

    private static string? SchemeRefusal(Uri url, bool loopback) =>
        url.Scheme == Uri.UriSchemeHttps || loopback ? null
            : "Webhook URLs must use https:// (plain http is allowed only to loopback where Webhooks:AllowLoopback is on).";

    /// <summary>The host as an address when it is one, in any form the OS accepts (inet_aton for IPv4:
    /// decimal, octal, hex, 1 to 4 parts). Uri has already normalised most; this catches the rest.</summary>
    private static IPAddress? ParseAddress(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.Host.Trim('[', ']'), out var parsed))
            return parsed;
        return IPAddress.TryParse(url.Host, out var other) ? other : null;
    }

    /// <summary>True when <paramref name="address"/> is globally reachable (IANA special-purpose registries).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                   // RFC 1918
                || b[0] == 100 && (b[1] & 0xC0) == 64           // 100.64/10 CGNAT
                || b[0] == 127                                  // loopback
                || b[0] == 169 && b[1] == 254                   // link-local, metadata (169.254.169.254)
                || b[0] == 172 && (b[1] & 0xF0) == 16           // RFC 1918
                || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2   // IETF protocol assignments, TEST-NET-1
                || b[0] == 192 && b[1] == 88 && b[2] == 99      // 6to4 relay anycast
                || b[0] == 192 && b[1] == 168                   // RFC 1918
                || b[0] == 198 && (b[1] & 0xFE) == 18           // benchmarking
                || b[0] == 198 && b[1] == 51 && b[2] == 100     // TEST-NET-2
                || b[0] == 203 && b[1] == 0 && b[2] == 113      // TEST-NET-3
                || b[0] >= 224);                                // multicast, reserved, broadcast
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var v6 = address.GetAddressBytes();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None)) return false;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return false;
        // Forms that carry an IPv4 address: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
        if (v6.Take(12).All(x => x == 0)) return false;
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b) return IsPublic(new IPAddress(v6[12..16]));
        if (v6[0] == 0x20 && v6[1] == 0x02) return IsPublic(new IPAddress(v6[2..6]));
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) return false;   // documentation
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x00 && v6[3] == 0x00) return false;   // Teredo (hides an IPv4 address)
        if (v6[0] == 0x01 && v6[1] == 0x00 && v6.Skip(2).Take(6).All(x => x == 0)) return false; // discard-only 100::/64
        return (v6[0] & 0xE0) == 0x20;                                                            // global unicast 2000::/3
    }
}
