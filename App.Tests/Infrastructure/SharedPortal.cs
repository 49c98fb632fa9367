[assembly: AssemblyFixture(typeof(Boltly.Tests.Infrastructure.SharedPortal))]

namespace Boltly.Tests.Infrastructure;

/// <summary>One host for the tests that need no special settings; each test makes its own account.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public PortalHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await PortalHost.StartAsync(new PortalHost());

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
