using System.Net;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// DNS for webhook targets in tests: this machine has no DNS server, so names under example.com answer
/// here (a public address, or on purpose an internal one); every other name goes to the real resolver.
/// </summary>
public sealed class TestHostNames : IWebhookHostResolver
{
    public static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");

    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["private.example.com"] = [IPAddress.Parse("10.0.0.1")],
        ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
        ["mixed.example.com"] = [PublicAddress, IPAddress.Loopback],
        ["unique-local.example.com"] = [IPAddress.Parse("fd12:3456::1")],
    };

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        Names.TryGetValue(host, out var fixedAnswer) ? Task.FromResult(fixedAnswer)
        : host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase) || host.Equals("example.com", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { PublicAddress })
            : new DnsWebhookHostResolver().ResolveAsync(host, ct);
}
