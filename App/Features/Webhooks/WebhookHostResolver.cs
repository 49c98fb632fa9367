using System.Net;

namespace Boltly.Features.Webhooks;

/// <summary>The addresses a webhook target's host name resolves to (DNS in the app; tests, which have no
/// DNS server, answer for their own names).</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
