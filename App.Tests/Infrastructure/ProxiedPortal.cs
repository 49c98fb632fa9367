namespace Boltly.Tests.Infrastructure;

/// <summary>A host behind a trusted proxy on loopback: a test names the client's address in <c>X-Forwarded-For</c>, as
/// nginx does in front of the portal (docs/several-instances.md), so sign-ins can come from any network.</summary>
public sealed class ProxiedPortal : IAsyncLifetime
{
    public PortalHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    }));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
